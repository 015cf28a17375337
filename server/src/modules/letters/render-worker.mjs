// The render thread of the letters' DOCX pool (render-pool.ts): renders a draft 建议书 or 通报 from plain facts
// (the organ names, the exporter, the letter's text), off the main thread. Plain JavaScript on purpose: a
// worker thread does not inherit the main thread's TypeScript loader on Node 20, so it registers tsx itself
// (as `npm start` runs the server) and then loads the same renderer the main thread would run.
//
// In: { kind: 'letter' | 'bulletin', info, actor: { displayName, username }, input }.
// Out: { ok: true, body: Uint8Array } or { ok: false, message }.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { bulletinDocx, letterDocx } = await import('./docx.ts');

parentPort.on('message', async (m) => {
  try {
    const doc = m.kind === 'letter' ? await letterDocx(m.info, m.actor, m.input) : await bulletinDocx(m.info, m.actor, m.input);
    // A copy of its own (a Buffer may share a pooled ArrayBuffer), handed over without another copy.
    const body = new Uint8Array(doc);
    parentPort.postMessage({ ok: true, body }, [body.buffer]);
  } catch (err) {
    parentPort.postMessage({ ok: false, message: err instanceof Error ? err.message : String(err) });
  }
});
