/**
 * Clustering benchmark (issue 15): `npx tsx bench/cluster.ts [--n=100000] [--threshold=0.35]`, and a figure of
 * `npm run bench` (bench/run.ts calls clusteringFigure() once its servers are stopped; latest.json `clustering`).
 * Generates N synthetic finding texts — 2,000 topics, each a fixed 20–30 character Chinese sentence, written
 * by units with random insertions of filler phrases and unit names — and times the problem register's
 * clustering (TF-IDF over character bigrams, cosine, greedy leader grouping; server/src/modules/problems)
 * in this process. Reports the time, the clusters found and how pure they are (members of the leader's topic).
 * Goal: 100,000 findings in ≤ 60 s on this machine. Deterministic (seeded PRNG).
 */
import { pathToFileURL } from 'node:url';
import { clusterDocuments } from '../server/src/modules/problems';

/** The clustering figure as latest.json keeps it. */
export interface ClusteringFigure {
  findings: number;
  threshold: number;
  seconds: number;
  /** Generating the corpus, apart from the clustering time. */
  generate_seconds: number;
  clusters: number;
  clusteredFindings: number;
  /** Share of clustered findings whose topic is their cluster leader's (1 = no wrong grouping). */
  purity: number | null;
  heap_used_mb: number;
  goal: string;
}

let seed = 20261205;
const rnd = () => {
  seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff;
  return seed / 0x7fffffff;
};
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;

const CHARS =
  '的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可里后小么心多天而能好都然没日于起还发成事只作当想看无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清物台象记边共风战干接它许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指思非流每青管夫连远资队跟带花快条院变联言权往展该领传近留红治决周保达办运武半候七必城父强步完革深区即求品士转量空甚众技轻程告江语英基派满式李息写呢识极令黄德收脸钱党倒未持取设始版双历越史商千片容研像找友孩站广改议形委早房音火际则首单据导影失拿网香似斯专石若兵弟谁校读志飞观争究包组造落视济喜离虽坏兴';
const SENTENCE = (k: number) => {
  let s = '';
  let x = k * 7919 + 17;
  const len = 20 + (k % 11);
  for (let i = 0; i < len; i++) {
    x = (x * 48271) % 2147483647;
    s += CHARS[x % CHARS.length];
  }
  return s;
};
const TOPICS = Array.from({ length: 2000 }, (_, k) => SENTENCE(k));
const FILLER = ['经查', '监督检查发现', '据反映', '专项检查中发现', '日常监督中发现', '演示数据：'];
const UNITS = Array.from({ length: 300 }, (_, i) => `第${i + 1}单位`);

/** Generates `n` synthetic findings (seeded, so every run clusters the same corpus) and times their clustering. */
export function measureClustering(n = 100_000, threshold = 0.35): ClusteringFigure {
  seed = 20261205;
  const g0 = performance.now();
  const topicOf: number[] = [];
  const docs = Array.from({ length: n }, (_, i) => {
    const k = Math.floor(rnd() * TOPICS.length);
    topicOf.push(k);
    return { key: String(i), text: `${pick(FILLER)}${pick(UNITS)}${TOPICS[k]}，${pick(FILLER)}` };
  });
  const t0 = performance.now();
  const clusters = clusterDocuments(docs, { threshold });
  const ms = performance.now() - t0;
  let pure = 0;
  let members = 0;
  for (const c of clusters) {
    const lead = topicOf[c.members[0]!]!;
    for (const m of c.members) {
      members++;
      if (topicOf[m] === lead) pure++;
    }
  }
  return {
    findings: n,
    threshold,
    seconds: Number((ms / 1000).toFixed(2)),
    generate_seconds: Number(((t0 - g0) / 1000).toFixed(2)),
    clusters: clusters.length,
    clusteredFindings: members,
    purity: members ? Number((pure / members).toFixed(4)) : null,
    heap_used_mb: Math.round(process.memoryUsage().heapUsed / 1024 ** 2),
    goal: '100,000 findings in ≤ 60 s',
  };
}

/** For bench/run.ts: the 100,000-findings figure, or undefined with a note when it could not be measured. */
export function clusteringFigure(notes: string[]): ClusteringFigure | undefined {
  try {
    const f = measureClustering();
    console.log(`[bench] clustering: ${f.findings} findings in ${f.seconds} s, ${f.clusters} clusters, purity ${f.purity}`);
    return f;
  } catch (err) {
    notes.push(`clustering not measured: ${(err as Error).message.split('\n')[0]}`);
    return undefined;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = (name: string, dflt: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt);
  console.log(JSON.stringify(measureClustering(arg('n', 100_000), arg('threshold', 0.35)), null, 2));
}
