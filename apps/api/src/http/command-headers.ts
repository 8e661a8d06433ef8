/** The headers every command accepts, documented once for OpenAPI. */
export const COMMAND_HEADERS = {
  ifMatch: { name: 'If-Match', required: false, description: 'Stream version from an ETag: the command applies only to that version (409 otherwise)', example: '"3"' },
  idempotencyKey: { name: 'Idempotency-Key', required: false, description: 'A repeat with the same key and body returns the first response; a different body is 422', example: 'form-acme-globex-2026-01' },
} as const;
