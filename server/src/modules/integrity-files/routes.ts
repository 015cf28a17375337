import { INTEGRITY_FILE_ROLES } from '@liandong/domain/access/role-sets';
import {
  EntryBodySchema,
  EntryDeleteQuerySchema,
  EntryParamsSchema,
  EntryPatchBodySchema,
  EntrySavedSchema,
  FileCreateBodySchema,
  FileDetailSchema,
  FileListQuerySchema,
  FilePageSchema,
  FileReadQuerySchema,
  ReadLogPageSchema,
  ReadLogQuerySchema,
  RequestActionBodySchema,
  RequestCreateBodySchema,
  RequestListQuerySchema,
  RequestPageSchema,
  RequestRowSchema,
} from '@liandong/domain/integrity-files/contracts';
import { IdParamsSchema } from '@liandong/domain/platform/common';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/context';
import { XLSX } from '../../platform/excel';
import { sendFile } from '../../platform/http';
import { exportFiles } from './excel';
import { addEntry, removeEntry, updateEntry } from './service-entries';
import { createFile, listFiles, listReads, readFile } from './service-files';
import { actOnRequest, createRequest, getRequest, listRequests } from './service-requests';

const tags = ['integrity-files'];
/** Every staff role reaches the routes; the services answer 404 to whoever the file or request does not exist for. */
const access = { access: { roles: INTEGRITY_FILE_ROLES, notFoundOnDeny: true } };

/**
 * 廉政档案 (domain.md b.5, b.6, d): the custodian's register, files and entries, consultation requests and their
 * approval by the 分管领导, the consultation log.
 */
export async function integrityFileRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: Parameters<typeof ctxOf>[1]) => ctxOf(app, req);

  r.get(
    '/api/v1/integrity-files',
    {
      config: access,
      schema: {
        operationId: 'listIntegrityFiles',
        tags,
        summary: '廉政档案台账（干部监督室；留痕）',
        querystring: FileListQuerySchema,
        response: { 200: FilePageSchema },
      },
    },
    async (req) => listFiles(ctx(req), req.query),
  );
  r.get(
    '/api/v1/integrity-files/export.xlsx',
    {
      config: access,
      schema: { operationId: 'exportIntegrityFiles', tags, summary: '导出廉政档案台账（Excel，带导出人水印，留痕）', querystring: FileListQuerySchema },
    },
    async (req, reply) => sendFile(reply, '廉政档案台账.xlsx', XLSX, await exportFiles(ctx(req), req.query)),
  );
  r.post(
    '/api/v1/integrity-files',
    {
      config: access,
      schema: {
        operationId: 'createIntegrityFile',
        tags,
        summary: '建立廉政档案（干部监督室）',
        body: FileCreateBodySchema,
        response: { 201: FileDetailSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await createFile(ctx(req), req.body)),
  );
  r.get(
    '/api/v1/integrity-files/:id',
    {
      config: access,
      schema: {
        operationId: 'readIntegrityFile',
        tags,
        summary: '查阅廉政档案或其中一个栏目（干部监督室，或经批准的查阅人在期限内；每次查阅留痕并记入查阅记录）',
        params: IdParamsSchema,
        querystring: FileReadQuerySchema,
        response: { 200: FileDetailSchema },
      },
    },
    async (req) => readFile(ctx(req), req.params.id, req.query.section),
  );
  r.post(
    '/api/v1/integrity-files/:id/entries',
    {
      config: access,
      schema: {
        operationId: 'addIntegrityFileEntry',
        tags,
        summary: '登记档案内容',
        params: IdParamsSchema,
        body: EntryBodySchema,
        response: { 201: EntrySavedSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await addEntry(ctx(req), req.params.id, req.body)),
  );
  r.patch(
    '/api/v1/integrity-files/:id/entries/:entryId',
    {
      config: access,
      schema: {
        operationId: 'updateIntegrityFileEntry',
        tags,
        summary: '修改档案内容（须带版本号）',
        params: EntryParamsSchema,
        body: EntryPatchBodySchema,
        response: { 200: EntrySavedSchema },
      },
    },
    async (req) => updateEntry(ctx(req), req.params.id, req.params.entryId, req.body),
  );
  r.delete(
    '/api/v1/integrity-files/:id/entries/:entryId',
    {
      config: access,
      schema: {
        operationId: 'removeIntegrityFileEntry',
        tags,
        summary: '删除档案内容（须带版本号）',
        params: EntryParamsSchema,
        querystring: EntryDeleteQuerySchema,
        response: { 200: EntrySavedSchema },
      },
    },
    async (req) => removeEntry(ctx(req), req.params.id, req.params.entryId, req.query.version),
  );
  r.get(
    '/api/v1/integrity-file-reads',
    {
      config: access,
      schema: {
        operationId: 'listIntegrityFileReads',
        tags,
        summary: '廉政档案查阅记录（干部监督室）',
        querystring: ReadLogQuerySchema,
        response: { 200: ReadLogPageSchema },
      },
    },
    async (req) => listReads(ctx(req), req.query),
  );
  r.get(
    '/api/v1/integrity-file-requests',
    {
      config: access,
      schema: {
        operationId: 'listIntegrityFileRequests',
        tags,
        summary: '廉政档案查阅申请（我的申请、待我审批、全部）',
        querystring: RequestListQuerySchema,
        response: { 200: RequestPageSchema },
      },
    },
    async (req) => listRequests(ctx(req), req.query),
  );
  r.post(
    '/api/v1/integrity-file-requests',
    {
      config: access,
      schema: {
        operationId: 'createIntegrityFileRequest',
        tags,
        summary: '申请查阅廉政档案',
        body: RequestCreateBodySchema,
        response: { 201: RequestRowSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await createRequest(ctx(req), req.body)),
  );
  r.get(
    '/api/v1/integrity-file-requests/:id',
    {
      config: access,
      schema: { operationId: 'getIntegrityFileRequest', tags, summary: '查阅申请详情', params: IdParamsSchema, response: { 200: RequestRowSchema } },
    },
    async (req) => getRequest(ctx(req), req.params.id),
  );
  r.post(
    '/api/v1/integrity-file-requests/:id/actions',
    {
      config: access,
      schema: {
        operationId: 'actOnIntegrityFileRequest',
        tags,
        summary: '查阅申请审批（分管干部监督室的委领导批准、不予批准、收回；申请人撤回）',
        params: IdParamsSchema,
        body: RequestActionBodySchema,
        response: { 200: RequestRowSchema },
      },
    },
    async (req) => actOnRequest(ctx(req), req.params.id, req.body),
  );
}
