/**
 * Escapes text for HTML element content and double-quoted attribute
 * values. Everything the pages print goes through it, labels included:
 * they come from code today, but the page must not trust that.
 *
 * @example
 * escapeHtml('<b title="x">&</b>'); // '&lt;b title=&quot;x&quot;&gt;&amp;&lt;/b&gt;'
 */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/**
 * The Content-Security-Policy of the server's pages: scripts only from this
 * origin (no inline script), no network beyond it. Mermaid writes `<style>`
 * into its SVGs, hence 'unsafe-inline' for styles only.
 *
 * @example
 * reply.header('content-security-policy', pageContentSecurityPolicy);
 */
export const pageContentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
