// A document-rendering thread of platform/render-pool.ts. Plain JavaScript on purpose (as xlsx-worker.mjs): a
// worker thread does not inherit the main thread's TypeScript loader on Node 20, so this file registers tsx
// in its own thread and then imports the job module named in workerData (TypeScript, e.g. the letters
// module's docx-jobs.ts). Under `npm start` (node --import tsx), vitest and tsx alike.
//
// In: { id, job, args } per message. Out: { id, ok: true, bytes: Uint8Array (transferred) } or
// { id, ok: false, message, stack }.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const jobs = (await import(workerData.module)).DOC_JOBS;

parentPort.on('message', async ({ id, job, args }) => {
  try {
    const fn = jobs[job];
    if (typeof fn !== 'function') throw new Error(`unknown document job ${job}`);
    const out = await fn(...args);
    const bytes = new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
    // A Buffer from the shared pool cannot be transferred: copy it out first.
    const own = bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
    parentPort.postMessage({ id, ok: true, bytes: own }, [own.buffer]);
  } catch (err) {
    parentPort.postMessage({ id, ok: false, message: String(err?.message ?? err), stack: String(err?.stack ?? '') });
  }
});
parentPort.postMessage({ ready: true });
