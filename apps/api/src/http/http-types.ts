import type { FastifyReply, FastifyRequest } from 'fastify';

/** The HTTP platform's request and reply (Fastify): controllers and filters name these, not the platform. */
export type HttpRequest = FastifyRequest;
export type HttpReply = FastifyReply;

/** A request header as one string (the first when repeated), or undefined. */
export function headerOf(req: HttpRequest, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
