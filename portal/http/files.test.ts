import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES } from '../../shared/documents/file-rules';
import {
  activeApplicant,
  distinctPng,
  loggedAgent,
  postFile,
  submitted,
  upload,
  usePortal,
} from '../testing/harness';
import { GIF, pdfWithPages } from '../uploads/testing/samples';

const server = usePortal();

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const get = (path: string, token: string, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, { headers: { Authorization: `Bearer ${token}`, ...headers } });

async function refusedAndNotKept(
  response: Response,
  bytes: Uint8Array,
  status: number,
  code: string,
) {
  expect(response.status).toBe(status);
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe(code);
  expect(body.error.message).toMatch(/^(Le|La|Vous)/);
  expect(await server.portal.blobs.has(sha256(bytes))).toBe(false);
  expect(server.portal.repos.files.find(sha256(bytes))).toBeUndefined();
  return body.error.message;
}

describe('POST /files', () => {
  it('stores a file by content, its type read from the bytes, its name as sent', async () => {
    const applicant = await activeApplicant(server.url);
    const png = distinctPng();
    const response = await postFile(server.url, applicant.token, png, 'Relevé de compte.png');
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({
      sha256: sha256(png),
      size: png.length,
      mime: 'image/png',
      pages: null,
    });
    expect(
      server.portal.repos.files.uploadBy(sha256(png), {
        applicantId: server.portal.repos.applicants.findByLogin(applicant.email)!.id,
      }),
    ).toMatchObject({ originalName: 'Relevé de compte.png' });

    const pdf = await pdfWithPages(2);
    const named = await upload(server.url, applicant.token, pdf, 'scan.jpg');
    expect(named).toMatchObject({ mime: 'application/pdf', pages: 2 });
  });

  it('refuses, and keeps nothing of, a file the rules refuse', async () => {
    const applicant = await activeApplicant(server.url);
    expect(
      await refusedAndNotKept(
        await postFile(server.url, applicant.token, GIF, 'photo.gif'),
        GIF,
        415,
        'file_format',
      ),
    ).toBe("Le fichier « photo.gif » n'est pas dans un format accepté (JPG, PNG, PDF, TIFF, BMP).");
    const empty = new Uint8Array(0);
    await refusedAndNotKept(
      await postFile(server.url, applicant.token, empty, 'vide.pdf'),
      empty,
      400,
      'file_empty',
    );
    const broken = new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog >>\n%%EOF');
    await refusedAndNotKept(
      await postFile(server.url, applicant.token, broken, 'casse.pdf'),
      broken,
      400,
      'pdf_unreadable',
    );
  });

  it('refuses a file over 10 Mo with 413, just over and far over', async () => {
    const applicant = await activeApplicant(server.url);
    const justOver = new Uint8Array(MAX_FILE_BYTES + 1);
    expect(
      await refusedAndNotKept(
        await postFile(server.url, applicant.token, justOver, 'gros.pdf'),
        justOver,
        413,
        'file_too_large',
      ),
    ).toBe('Le fichier « gros.pdf » dépasse la taille maximale de 10 Mo par fichier.');
    const farOver = new Uint8Array(MAX_FILE_BYTES * 2).fill(7);
    await refusedAndNotKept(
      await postFile(server.url, applicant.token, farOver, 'enorme.pdf'),
      farOver,
      413,
      'file_too_large',
    );
  });

  it('needs a session token', async () => {
    const png = distinctPng();
    expect((await postFile(server.url, null, png)).status).toBe(401);
    const created = await server.client().dev.createApplicant.mutate({});
    expect((await postFile(server.url, created.activationToken, png)).status).toBe(401);
  });
});

describe('GET /files/<sha256>', () => {
  it('streams the bytes with an ETag, and answers 304 to it', async () => {
    const applicant = await activeApplicant(server.url);
    const png = distinctPng();
    const { sha256: hash } = await upload(server.url, applicant.token, png, 'a.png');
    const whole = await get(`/files/${hash}`, applicant.token);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('etag')).toBe(`"${hash}"`);
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    expect(whole.headers.get('content-length')).toBe(String(png.length));
    expect(Buffer.from(await whole.arrayBuffer()).equals(Buffer.from(png))).toBe(true);
    const cached = await get(`/files/${hash}`, applicant.token, { 'If-None-Match': `"${hash}"` });
    expect(cached.status).toBe(304);
    const head = await fetch(`${server.url}/files/${hash}`, {
      method: 'HEAD',
      headers: { Authorization: `Bearer ${applicant.token}` },
    });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(png.length));
  });

  it('resumes an interrupted download with Range', async () => {
    const applicant = await activeApplicant(server.url);
    const pdf = await pdfWithPages(5);
    const { sha256: hash } = await upload(server.url, applicant.token, pdf, 'cinq-pages.pdf');
    const cut = Math.floor(pdf.length / 3);
    const first = await get(`/files/${hash}`, applicant.token, { Range: `bytes=0-${cut - 1}` });
    expect(first.status).toBe(206);
    expect(first.headers.get('content-range')).toBe(`bytes 0-${cut - 1}/${pdf.length}`);
    const rest = await get(`/files/${hash}`, applicant.token, {
      Range: `bytes=${cut}-`,
      'If-Range': `"${hash}"`,
    });
    expect(rest.status).toBe(206);
    expect(rest.headers.get('content-range')).toBe(`bytes ${cut}-${pdf.length - 1}/${pdf.length}`);
    const joined = Buffer.concat([
      Buffer.from(await first.arrayBuffer()),
      Buffer.from(await rest.arrayBuffer()),
    ]);
    expect(sha256(joined)).toBe(hash);

    const tail = await get(`/files/${hash}`, applicant.token, { Range: 'bytes=-10' });
    expect(
      Buffer.from(await tail.arrayBuffer()).equals(Buffer.from(pdf.subarray(pdf.length - 10))),
    ).toBe(true);
    const beyond = await get(`/files/${hash}`, applicant.token, { Range: `bytes=${pdf.length}-` });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe(`bytes */${pdf.length}`);
    const otherVersion = await get(`/files/${hash}`, applicant.token, {
      Range: 'bytes=0-9',
      'If-Range': '"autre"',
    });
    expect(otherVersion.status).toBe(200);
  });

  it('serves a file only to its uploader, and to the agents of the application’s service', async () => {
    const owner = await activeApplicant(server.url);
    const stranger = await activeApplicant(server.url);
    const nord = await loggedAgent(server.url, { serviceCode: '59' });
    const paris = await loggedAgent(server.url, { serviceCode: '75' });
    const loose = await upload(server.url, owner.token, distinctPng(), 'brouillon.png');
    for (const token of [stranger.token, nord.token, paris.token]) {
      const response = await get(`/files/${loose.sha256}`, token);
      expect(response.status).toBe(404);
      expect(((await response.json()) as { error: { message: string } }).error.message).toBe(
        "Ce fichier n'existe pas ou vous n'y avez pas accès.",
      );
    }
    const { files, confirmationSha256 } = await submitted(server.url, owner);
    const identity = files['identity']![0]!.sha256;
    for (const hash of [identity, confirmationSha256]) {
      expect((await get(`/files/${hash}`, owner.token)).status).toBe(200);
      expect((await get(`/files/${hash}`, nord.token)).status).toBe(200);
      expect((await get(`/files/${hash}`, paris.token)).status).toBe(404);
      expect((await get(`/files/${hash}`, stranger.token)).status).toBe(404);
    }
    expect((await fetch(`${server.url}/files/${identity}`)).status).toBe(401);
  });

  it('answers 404 to a name that is not a hash, 405 to other methods', async () => {
    const applicant = await activeApplicant(server.url);
    expect((await get('/files/..%2f..%2fportal.sqlite', applicant.token)).status).toBe(404);
    expect(
      (await fetch(`${server.url}/files/${'a'.repeat(64)}`, { method: 'DELETE' })).status,
    ).toBe(405);
    expect((await fetch(`${server.url}/nulle-part`)).status).toBe(404);
  });
});
