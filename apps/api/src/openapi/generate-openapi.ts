import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@covenant/application/config/covenant-config';
import { createApp } from '../bootstrap';
import { buildOpenApiDocument, serializeOpenApi } from './openapi';

/** Where the committed document lives (checked by openapi.e2e-spec.ts, written by `npm run openapi`). */
export const OPENAPI_FILE = join(__dirname, '..', '..', '..', '..', 'docs', 'openapi.json');

/**
 * The document as committed: the app is built (not listening) on a throwaway sqlite data dir, so the
 * output depends only on the code.
 */
export async function generateOpenApiJson(): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'covenant-openapi-'));
  try {
    const app = await createApp(loadConfig({ COVENANT_DATA_DIR: dataDir, LOG_LEVEL: 'error' }));
    try {
      return serializeOpenApi(buildOpenApiDocument(app));
    } finally {
      await app.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
