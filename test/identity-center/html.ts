import { textReply, type Reply } from './wire';

export function htmlEscape(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' })[c]!);
}

// Self-contained pages: no scripts, no external resources. Forms may post to this origin and
// be redirected on to a loopback redirect URI, so form-action is left open.
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; frame-ancestors 'none'";

const STYLE = `
  body { font-family: system-ui, sans-serif; background: #f2f3f3; color: #16191f; margin: 0; }
  main { max-width: 30rem; margin: 4rem auto; background: #fff; padding: 2rem; border-radius: 8px; box-shadow: 0 1px 4px #0002; }
  h1 { font-size: 1.3rem; margin-top: 0; }
  .code { font: 600 1.8rem ui-monospace, monospace; letter-spacing: .15em; text-align: center; padding: .8rem; background: #f2f8fd; border-radius: 6px; }
  .actions { display: flex; gap: .8rem; margin-top: 1.5rem; }
  button { flex: 1; font-size: 1rem; padding: .7rem; border-radius: 6px; border: 1px solid #545b64; background: #fff; cursor: pointer; }
  button.primary { background: #ec7211; border-color: #ec7211; color: #fff; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: .4rem 1rem; }
  dt { color: #545b64; }
  dd { margin: 0; word-break: break-all; }
  .note { color: #545b64; font-size: .9rem; }
`;

/** A complete HTML page answer. `body` must already be escaped. */
export function pageReply(status: number, title: string, body: string): Reply {
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${htmlEscape(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
  return textReply(status, html, 'text/html; charset=utf-8', {
    'content-security-policy': CSP,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  });
}

/** A page that only says what went wrong. */
export function messagePage(status: number, title: string, message: string): Reply {
  return pageReply(status, title, `<h1 data-testid="title">${htmlEscape(title)}</h1>\n<p data-testid="message">${htmlEscape(message)}</p>`);
}

/** The fields of an application/x-www-form-urlencoded body. */
export function formFields(body: Buffer): URLSearchParams {
  return new URLSearchParams(body.toString('utf8'));
}
