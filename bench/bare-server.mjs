// A baseline: a bare node:http server answering every request with 200 and one fixed body (the
// bytes of a page as Beacon sent it) with only Content-Type and Content-Length set, plus what
// node:http adds itself (Date, Connection, Keep-Alive). None of Beacon's other headers (caching,
// CSP, security), no routing, no middleware and no logging. With a third argument, a JSON file of
// `[name, value, …]`, it sends those headers instead (the very headers Beacon sent with the body): a
// server sending the same response bytes, headers and body. Usage:
// bare-server.mjs <body file> <content type> [<headers file>]
import { readFileSync } from 'node:fs';
import http from 'node:http';

const [bodyPath, contentType, headersPath] = process.argv.slice(2);
const body = readFileSync(bodyPath);
const headers = headersPath
  ? JSON.parse(readFileSync(headersPath, 'utf8'))
  : { 'Content-Type': contentType, 'Content-Length': String(body.length) };
const server = http.createServer((_request, response) => {
  response.writeHead(200, headers);
  response.end(body);
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
