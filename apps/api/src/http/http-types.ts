import type { FastifyReply, FastifyRequest } from 'fastify';

/** The HTTP platform's request and reply (Fastify): controllers and filters name these, not the platform. */
export type HttpRequest = FastifyRequest;
export type HttpReply = FastifyReply;

/** A request header as one string (the first when repeated), or undefined. */
export function headerOf(req: HttpRequest, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** A read's version as its ETag (`"<stream version>"`), the value a later command sends as If-Match. */
export function setEtag(res: HttpReply, version: number): void {
  void res.header('ETag', `"${version}"`);
}
