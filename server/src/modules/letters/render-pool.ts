import { availableParallelism } from 'node:os';
import { Gate } from '../../platform/gate';
import type { OrganNames } from '../../platform/organs';
import { WorkerPool } from '../../platform/worker-pool';
import type { BulletinDocInput, Exporter, LetterDocInput } from './docx';

/*
 * Draft 建议书 and 通报 are rendered fresh at every export (their text still changes), which costs 30–90 ms of
 * CPU each (issue 12). They render in worker threads (render-worker.mjs) so that 32 exports at once queue in
 * the pool, not on the main thread in front of every other request; issued texts are stored and only stamped
 * (official-doc-stamp.ts). One worker per core beside the main thread (at least one, at most four); the Gate
 * keeps the line short: a burst beyond it is told to retry (503 with Retry-After) instead of piling up.
 * A worker holds ~120 MB (its own V8 heap, tsx's loader thread, the docx builder) and takes ~1 s to start: it is
 * ended after a minute idle, so a burst of draft exports pays one start and the node returns to its idle size.
 */

export type RenderTask =
  | { kind: 'letter'; info: OrganNames; actor: Exporter; input: LetterDocInput }
  | { kind: 'bulletin'; info: OrganNames; actor: Exporter; input: BulletinDocInput };

export const RENDER_WORKERS = Math.max(1, Math.min(4, availableParallelism() - 1));

/** Renders waiting or running at once on this node. */
export const renderGate = new Gate({
  concurrency: RENDER_WORKERS,
  maxQueue: 96,
  maxWaitMs: 20_000,
  retryAfterSeconds: 5,
  busyCode: 'SERVER_BUSY',
  busyMessage: '当前正在生成的文稿较多，请稍后重试',
});

export const renderPool = new WorkerPool(new URL('./render-worker.mjs', import.meta.url), {
  size: RENDER_WORKERS,
  timeoutMs: 30_000,
  idleMs: 60_000,
  name: 'DOCX render worker',
});

/** Renders a document in the pool (behind the gate). */
export function renderInPool(task: RenderTask): Promise<Buffer> {
  return renderGate.run(() => renderPool.run(task));
}
