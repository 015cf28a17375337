import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

/**
 * jieba is loaded on the first text to segment, not when the server starts (issue 12: idle RSS): the native
 * library and its built dictionary (some 36 MB), and never `@node-rs/jieba/dict`, whose module keeps dict.txt
 * and idf.txt (11 MB) in memory for good. Segmentation is unchanged (search mode: 储备库 also yields 储备).
 */
const require = createRequire(import.meta.url);
const loaded = (suffix: string) => Object.keys(require.cache).some((k) => k.replaceAll('\\', '/').endsWith(suffix));

describe('Chinese segmentation on demand', () => {
  it('importing the search module loads no jieba; the first segmentation does, without the dict module', async () => {
    const search = await import('./search');
    expect(loaded('@node-rs/jieba/index.js')).toBe(false);
    expect(loaded('@node-rs/jieba/dict.js')).toBe(false);

    const words = search.tokens('关于储备库建设项目的问题线索，请核查。');
    expect(words).toEqual(expect.arrayContaining(['储备', '储备库', '建设', '项目', '问题', '线索', '核查']));
    expect(words).not.toContain('，');
    expect(loaded('@node-rs/jieba/index.js')).toBe(true);
    expect(loaded('@node-rs/jieba/dict.js')).toBe(false);

    // One segmenter for the process: the same answer again, and a query of only punctuation matches nothing.
    expect(search.tokens('储备库')).toEqual(search.tokens('储备库'));
    expect(search.searchQuery('，。！')).toBeNull();
  });
});
