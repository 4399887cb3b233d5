// Files sent to download: the type from the format, and the name in Content-Disposition — with an ASCII
// fallback and the real name per RFC 6266 when the real one is not ASCII (a Chinese report name).
import type { FastifyReply } from 'fastify';
import type { Readable } from 'node:stream';

const TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

export function sendDownload(
  reply: FastifyReply,
  format: keyof typeof TYPES,
  body: Readable | Buffer | string,
  fileName: string,
  asciiName?: string,
) {
  const disposition = asciiName
    ? `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`
    : `attachment; filename="${fileName}"`;
  return reply.header('content-type', TYPES[format]).header('content-disposition', disposition).send(body);
}
