import type { FastifyInstance, FastifyReply } from 'fastify';

export type App = FastifyInstance;

/** Sends a file download with an RFC 5987 filename (Chinese names survive). */
export function sendFile(reply: FastifyReply, filename: string, mime: string, body: Buffer) {
  return reply
    .header('content-type', mime)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`)
    .header('cache-control', 'no-store')
    .send(body);
}
