/**
 * Bare routes of the issue-5 endpoints for bench/bare-child.ts: the letter ledger and the letter DOCX
 * through the letters module's own functions (listLetters, exportLetterDocx: same SQL, same rendering,
 * same audit row by construction), and, as a reference, the same DOCX served from memory (no SQL, no
 * rendering) — what a static file of the same size costs.
 */
import { LetterListQuerySchema } from '@liandong/domain/reform/contracts-letters';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../server/src/config';
import type { Db } from '../server/src/db/pool';
import { DOCX_MIME, listLetters, exportLetterDocx } from '../server/src/modules/letters';
import type { Actor } from '../server/src/platform/access';
import type { Ctx } from '../server/src/platform/context';
import { FieldCipher } from '../server/src/platform/crypto';

// The server's key (the orchestrator gives this process the server's DATA_DIR): issued letters' stored texts are sealed with it.
let cipher: FieldCipher | undefined;

function ctxFor(db: Db, actor: Actor): Ctx {
  cipher ??= new FieldCipher(loadConfig().keys.sm4Key);
  return { db, actor, requestId: 'bench', ip: '127.0.0.1', log: console as never, cipher, config: undefined as never };
}

const letterIdOf = (query: unknown) => {
  const id = (query as { id?: string }).id ?? '';
  return /^[0-9a-f-]{36}$/.test(id) ? id : undefined;
};

export function registerReformBare(app: FastifyInstance, db: Db, actorOf: (query: unknown) => Promise<Actor | undefined>) {
  // The ledger's defaults (first page of 20, newest first), as the real route parses them.
  const ledgerQuery = LetterListQuerySchema.parse({});
  app.get('/bare/letters', async (req, reply) => {
    const actor = await actorOf(req.query);
    if (!actor) return reply.code(404).send({ code: 'NOT_FOUND' });
    return listLetters(ctxFor(db, actor), ledgerQuery);
  });
  app.get('/bare/letter-docx', async (req, reply) => {
    const actor = await actorOf(req.query);
    const id = letterIdOf(req.query);
    if (!actor || !id) return reply.code(404).send({ code: 'NOT_FOUND' });
    const doc = await exportLetterDocx(ctxFor(db, actor), id);
    return reply.header('content-type', DOCX_MIME).send(doc.body);
  });
  // Rendered once per letter, then served from memory.
  const rendered = new Map<string, Promise<Buffer>>();
  app.get('/bare/letter-docx-static', async (req, reply) => {
    const actor = await actorOf(req.query);
    const id = letterIdOf(req.query);
    if (!actor || !id) return reply.code(404).send({ code: 'NOT_FOUND' });
    let hit = rendered.get(id);
    if (!hit) {
      hit = exportLetterDocx(ctxFor(db, actor), id).then((d) => d.body);
      rendered.set(id, hit);
    }
    return reply.header('content-type', DOCX_MIME).send(await hit);
  });
}
