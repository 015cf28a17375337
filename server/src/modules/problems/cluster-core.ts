/*
 * Similar-text clustering for the problem register, without any external service: Chinese text is cut into
 * character bigrams (runs of CJK characters; Latin words and numbers whole), weighted by TF-IDF, compared by
 * cosine similarity, and grouped greedily around leaders: the first unassigned document (in input order)
 * takes every unassigned document whose similarity to it reaches the threshold. Candidates are found through
 * an inverted index that skips tokens present in more than `maxDfShare` of the corpus (their IDF is near zero
 * and they would make the comparison quadratic), so 100,000 short texts cluster in seconds.
 */

export interface ClusterDoc {
  key: string;
  text: string;
}

export interface Cluster {
  /** Indexes into the input, the leader first. */
  members: number[];
  /** The heaviest tokens of the cluster (for a title suggestion). */
  keywords: string[];
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]+|[A-Za-z0-9]{2,}/g;

/** Bigrams of CJK runs (a lone character counts as itself), Latin words and numbers lowercased. */
export function tokens(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(CJK)) {
    const run = m[0];
    if (/^[A-Za-z0-9]/.test(run)) {
      out.push(run.toLowerCase());
    } else if (run.length === 1) {
      out.push(run);
    } else {
      for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
    }
  }
  return out;
}

interface Vec {
  ids: Int32Array;
  w: Float64Array;
}

export interface ClusterOptions {
  threshold: number;
  /** Tokens in more than this share of the documents are not used to find candidates (default 0.05, at least 50 docs). */
  maxDfShare?: number;
}

export function clusterDocuments(docs: readonly ClusterDoc[], opts: ClusterOptions): Cluster[] {
  const n = docs.length;
  if (n === 0) return [];
  const vocab = new Map<string, number>();
  const names: string[] = [];
  const tf: Map<number, number>[] = new Array(n);
  const df: number[] = [];
  for (let d = 0; d < n; d++) {
    const m = new Map<number, number>();
    for (const t of tokens(docs[d]!.text)) {
      let id = vocab.get(t);
      if (id === undefined) {
        id = names.length;
        vocab.set(t, id);
        names.push(t);
        df.push(0);
      }
      m.set(id, (m.get(id) ?? 0) + 1);
    }
    for (const id of m.keys()) df[id]!++;
    tf[d] = m;
  }
  const idf = df.map((x) => Math.log(n / x));
  const vecs: Vec[] = tf.map((m) => {
    const ids = new Int32Array(m.size);
    const w = new Float64Array(m.size);
    let i = 0;
    let norm = 0;
    for (const [id, c] of m) {
      const v = (1 + Math.log(c)) * idf[id]!;
      ids[i] = id;
      w[i] = v;
      norm += v * v;
      i++;
    }
    norm = Math.sqrt(norm) || 1;
    for (let k = 0; k < w.length; k++) w[k] = w[k]! / norm;
    return { ids, w };
  });
  // inverted index over the informative tokens
  const maxDf = Math.max(50, Math.floor(n * (opts.maxDfShare ?? 0.05)));
  const postingsDoc: number[][] = names.map(() => []);
  const postingsW: number[][] = names.map(() => []);
  for (let d = 0; d < n; d++) {
    const v = vecs[d]!;
    for (let k = 0; k < v.ids.length; k++) {
      const id = v.ids[k]!;
      if (df[id]! > 1 && df[id]! <= maxDf && v.w[k]! > 0) {
        postingsDoc[id]!.push(d);
        postingsW[id]!.push(v.w[k]!);
      }
    }
  }
  const assigned = new Uint8Array(n);
  const score = new Float64Array(n);
  const touched: number[] = [];
  const clusters: Cluster[] = [];
  for (let leader = 0; leader < n; leader++) {
    if (assigned[leader]) continue;
    assigned[leader] = 1;
    const v = vecs[leader]!;
    for (let k = 0; k < v.ids.length; k++) {
      const id = v.ids[k]!;
      const pd = postingsDoc[id]!;
      if (!pd.length || df[id]! > maxDf) continue;
      const pw = postingsW[id]!;
      const lw = v.w[k]!;
      for (let j = 0; j < pd.length; j++) {
        const d = pd[j]!;
        if (assigned[d]) continue;
        if (score[d] === 0) touched.push(d);
        score[d] = score[d]! + lw * pw[j]!;
      }
    }
    const members = [leader];
    for (const d of touched) {
      if (score[d]! >= opts.threshold) {
        members.push(d);
        assigned[d] = 1;
      }
      score[d] = 0;
    }
    touched.length = 0;
    if (members.length < 2) continue;
    members.sort((a, b) => a - b);
    const weight = new Map<number, number>();
    for (const d of members) {
      const mv = vecs[d]!;
      for (let k = 0; k < mv.ids.length; k++) weight.set(mv.ids[k]!, (weight.get(mv.ids[k]!) ?? 0) + mv.w[k]!);
    }
    const keywords = [...weight.entries()]
      .filter(([id]) => df[id]! <= maxDf)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 6)
      .map(([id]) => names[id]!);
    clusters.push({ members, keywords });
  }
  return clusters;
}
