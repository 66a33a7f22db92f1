import type { FastifyReply } from 'fastify';

/**
 * Send a stored file as a download: the name in ASCII for old clients and in UTF-8 for the
 * rest (Welsh names keep their letters), and never kept in a cache (it holds case data).
 */
export function sendAttachment(
  reply: FastifyReply,
  file: { fileName: string; contentType: string; content: Uint8Array },
): FastifyReply {
  const asciiName = file.fileName.replace(/[^A-Za-z0-9._-]/g, '_');
  return reply
    .header('content-type', file.contentType)
    .header(
      'content-disposition',
      `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    )
    .header('cache-control', 'no-store')
    .send(Buffer.from(file.content));
}
