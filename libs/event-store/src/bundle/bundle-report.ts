import type { EvidenceBundle } from './bundle-format';

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/**
 * The human-readable timeline of a bundle: self-contained HTML (no script, no external resource),
 * every value escaped. Deterministic, so verify-bundle re-renders it and a changed report fails.
 */
export function renderBundleReport(b: Omit<EvidenceBundle, 'reportHtml'>): string {
  const rows = b.events
    .map((e) =>
      [e.position, e.version, e.type, e.time, e.recordedat, e.actor ?? '', e.hash.slice(0, 16), JSON.stringify(e.data)]
        .map((v, i) => (i === 7 ? `<td><code>${escapeHtml(String(v))}</code></td>` : `<td>${escapeHtml(String(v))}</td>`))
        .join(''),
    )
    .map((r) => `<tr>${r}</tr>`)
    .join('\n');
  const c = b.checkpoint;
  return [
    '<!doctype html>',
    `<html lang="en"><head><meta charset="utf-8"><title>Evidence bundle: ${escapeHtml(b.stream)}</title>`,
    '<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px;vertical-align:top;font-size:13px}code{white-space:pre-wrap;word-break:break-all}</style></head><body>',
    `<h1>Evidence bundle: ${escapeHtml(b.stream)}</h1>`,
    `<p>Exported ${escapeHtml(b.exportedAt)}. ${b.events.length} events. Signed checkpoint: tree size ${c.treeSize}, root <code>${escapeHtml(c.rootHash)}</code>, issued ${escapeHtml(c.issuedAt)}.</p>`,
    '<p>Check it offline with <code>covenant verify-bundle &lt;file&gt;</code>: every event hash, the stream\'s hash chain, each inclusion proof and the checkpoint signature.</p>',
    '<table><thead><tr><th>Position</th><th>Version</th><th>Type</th><th>Occurred</th><th>Recorded</th><th>Actor</th><th>Hash</th><th>Data</th></tr></thead><tbody>',
    rows,
    '</tbody></table></body></html>',
    '',
  ].join('\n');
}
