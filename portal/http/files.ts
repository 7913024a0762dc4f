import type { IncomingMessage, ServerResponse } from 'node:http';
import { basename } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { AgentRow } from '../../db/portal/agent-repository';
import type { ApplicantRow } from '../../db/portal/applicant-repository';
import { StorageError } from '../../db/errors';
import { MAX_FILE_BYTES } from '../../shared/documents/file-rules';
import { fileTooLarge } from '../../shared/errors';
import { parseBearer } from '../auth/tokens';
import type { Portal } from '../portal';
import { parseRange } from './range';
import { sendError, sendJson } from './responses';

/**
 * The HTTP limit sits a little above the file rule, so that a file just over 10 Mo is judged by
 * the file rule itself (inspectUpload) and a much larger body is cut off early.
 */
export const MAX_UPLOAD_BODY = MAX_FILE_BYTES + 64 * 1024;
/** A body over the limit is read to its end (so the client sees the answer) up to this much, then the connection is cut. */
const MAX_DRAINED = 64 * 1024 * 1024;
const DEFAULT_FILE_NAME = 'fichier';
const SHA256 = /^[0-9a-f]{64}$/;

/** HTTP status of each refusal of inspectUpload (portal/uploads): too large, wrong format, or unreadable. */
const STATUS_OF_UPLOAD_ERROR: Readonly<Record<string, number>> = {
  file_too_large: 413,
  file_format: 415,
  image_unsupported: 415,
};

export type Caller =
  { kind: 'applicant'; applicant: ApplicantRow } | { kind: 'agent'; agent: AgentRow };

/** The bearer token's applicant or agent; answers 401 itself and returns null otherwise. */
export function authenticate(
  portal: Portal,
  req: IncomingMessage,
  res: ServerResponse,
): Caller | null {
  const resolved = portal.sessions.resolve(parseBearer(req.headers.authorization));
  if (resolved.status === 'ok' && resolved.kind === 'applicant') {
    const applicant = portal.repos.applicants.findById(resolved.subjectId);
    if (applicant) return { kind: 'applicant', applicant };
  }
  if (resolved.status === 'ok' && resolved.kind === 'agent') {
    const agent = portal.repos.agents.findById(resolved.subjectId);
    if (agent && !agent.disabledAt) return { kind: 'agent', agent };
  }
  sendError(
    res,
    401,
    'UNAUTHORIZED',
    resolved.status === 'none'
      ? 'Vous devez vous connecter.'
      : 'Votre session a expiré. Veuillez vous reconnecter.',
    { 'WWW-Authenticate': 'Bearer' },
  );
  return null;
}

/** X-Filename carries the name percent-encoded (encodeURIComponent), since headers are not UTF-8. */
export function fileNameOf(header: string | string[] | undefined): string {
  const raw = Array.isArray(header) ? header[0] : header;
  if (!raw) return DEFAULT_FILE_NAME;
  let decoded = raw;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    // Not percent-encoded: taken as sent.
  }
  const printable = [...decoded].filter((char) => char >= ' ' && char !== '\u007f').join('');
  const name = basename(printable.replaceAll('\\', '/')).trim();
  return (name || DEFAULT_FILE_NAME).slice(0, 255);
}

/** The body, or null when it went over `max` bytes (it is then drained, or cut beyond MAX_DRAINED). */
async function readBody(req: IncomingMessage, max: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_DRAINED) {
      req.destroy();
      return null;
    }
    if (size <= max) chunks.push(chunk);
  }
  return size > max ? null : Buffer.concat(chunks);
}

/** POST /files: checked (inspectUpload), then stored by content; nothing is kept of a refused file. */
export async function uploadFile(
  portal: Portal,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const caller = authenticate(portal, req, res);
  if (!caller) {
    req.resume();
    return;
  }
  const name = fileNameOf(req.headers['x-filename']);
  const tooLarge = fileTooLarge(name, '10 Mo');
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_DRAINED) {
    sendError(res, 413, tooLarge.code, tooLarge.message, { Connection: 'close' });
    req.destroy();
    return;
  }
  const bytes = await readBody(req, MAX_UPLOAD_BODY);
  if (bytes === null) {
    sendError(res, 413, tooLarge.code, tooLarge.message, { Connection: 'close' });
    return;
  }
  const inspected = await portal.inspectUpload(
    new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length),
    name,
  );
  if (!inspected.ok) {
    const { code, message } = inspected.error;
    sendError(res, STATUS_OF_UPLOAD_ERROR[code] ?? 400, code, message);
    return;
  }
  const stored = await portal.blobs.put(bytes);
  const at = portal.now();
  portal.db.transaction(() => {
    portal.repos.files.recordFile(
      {
        sha256: stored.sha256,
        size: stored.size,
        mime: inspected.value.mime,
        pages: inspected.value.pages,
      },
      at,
    );
    portal.repos.files.recordUpload(
      {
        sha256: stored.sha256,
        uploader:
          caller.kind === 'applicant'
            ? { applicantId: caller.applicant.id }
            : { agentId: caller.agent.id },
        originalName: name,
      },
      at,
    );
  })();
  const file = portal.repos.files.find(stored.sha256);
  sendJson(res, 201, {
    sha256: stored.sha256,
    size: stored.size,
    mime: file?.mime ?? inspected.value.mime,
    pages: file?.pages ?? inspected.value.pages,
  });
}

function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

/**
 * An agent asked for a file they may not read: when dossiers of other services refer to it, that
 * is a service boundary crossed, logged with one of those dossiers (a file no dossier refers to
 * is just not found).
 */
function logOtherService(
  portal: Portal,
  agent: AgentRow,
  req: IncomingMessage,
  sha256: string,
): void {
  const [applicationNumber] = portal.repos.files.applicationNumbersOf(sha256);
  if (applicationNumber === undefined) return;
  portal.repos.security.record({
    at: portal.now(),
    agentId: agent.id,
    kind: 'service',
    procedure: `${req.method === 'HEAD' ? 'HEAD' : 'GET'} /files`,
    type: null,
    applicationNumber,
  });
}

/**
 * GET /files/<sha256>: the bytes, checked against their name, with `ETag: "<sha256>"` (they never
 * change), `If-None-Match` (304) and a single `Range` (206, or 416). A file the caller may not
 * read answers 404, exactly like a file that does not exist (so its existence leaks nothing).
 */
export async function downloadFile(
  portal: Portal,
  req: IncomingMessage,
  res: ServerResponse,
  sha256: string,
): Promise<void> {
  const caller = authenticate(portal, req, res);
  if (!caller) return;
  const notFound = () =>
    sendError(res, 404, 'NOT_FOUND', "Ce fichier n'existe pas ou vous n'y avez pas accès.");
  if (!SHA256.test(sha256)) return notFound();
  const allowed =
    caller.kind === 'applicant'
      ? portal.repos.files.applicantMayRead(sha256, caller.applicant.id)
      : portal.repos.files.agentMayRead(sha256, caller.agent);
  if (!allowed && caller.kind === 'agent') logOtherService(portal, caller.agent, req, sha256);
  const file = allowed ? portal.repos.files.find(sha256) : undefined;
  const size = file ? await portal.blobs.size(sha256) : undefined;
  if (!file || size === undefined) return notFound();

  const etag = `"${sha256}"`;
  const common = {
    ETag: etag,
    'Accept-Ranges': 'bytes',
    'Cache-Control': 'private, no-cache',
    'X-Content-Type-Options': 'nosniff',
  };
  if (etagMatches(req.headers['if-none-match'], etag)) {
    res.writeHead(304, common);
    res.end();
    return;
  }
  // If-Range: the range only holds for this very content; another validator gets the whole file.
  const ifRange = req.headers['if-range'];
  const range =
    ifRange === undefined || ifRange === etag
      ? parseRange(req.headers.range, size)
      : ({ kind: 'whole' } as const);
  if (range.kind === 'unsatisfiable') {
    sendError(
      res,
      416,
      'RANGE_NOT_SATISFIABLE',
      "La plage d'octets demandée n'existe pas dans ce fichier.",
      {
        'Content-Range': `bytes */${size}`,
      },
    );
    return;
  }
  const headers = {
    ...common,
    'Content-Type': file.mime,
    'Content-Disposition': 'attachment',
  };
  let stream;
  try {
    stream = await portal.blobs.readStream(
      sha256,
      range.kind === 'partial' ? { start: range.start, end: range.end } : undefined,
    );
  } catch (error) {
    if (error instanceof StorageError && error.code === 'blob_corrupted') {
      sendError(
        res,
        500,
        'FILE_CORRUPTED',
        'Ce fichier est endommagé sur le portail ; prévenez le support.',
      );
      return;
    }
    throw error;
  }
  if (range.kind === 'partial') {
    res.writeHead(206, {
      ...headers,
      'Content-Range': `bytes ${range.start}-${range.end}/${size}`,
      'Content-Length': String(range.end - range.start + 1),
    });
  } else {
    res.writeHead(200, { ...headers, 'Content-Length': String(size) });
  }
  if (req.method === 'HEAD') {
    stream.destroy();
    res.end();
    return;
  }
  await pipeline(stream, res);
}
