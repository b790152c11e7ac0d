/**
 * A private nginx for the tests; here a TLS-terminating one in front of a verifier: a self-signed certificate for
 * 127.0.0.1 made with openssl, a config file written to a temporary folder, nginx in the
 * foreground on a free loopback port. Everything it writes (pid, logs, temp files) stays in that folder.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { freePort } from './verifier-process.ts';

function hasCommand(name: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** nginx and openssl, or the name of the first one missing. */
export function missingProxyTool(): string | undefined {
  return ['nginx', 'openssl'].find((name) => !hasCommand(name));
}

export interface TlsProxy {
  /** https://127.0.0.1:PORT */
  url: string;
  /** The proxy's self-signed certificate (PEM), the only CA a client needs to trust it. */
  ca: string;
  stop(): Promise<void>;
}

/**
 * The frame every test nginx shares: its pid, logs and temp files in `dir`, and `servers` (the
 * test's own server blocks) inside the http block.
 */
export function nginxConfig(dir: string, servers: string): string {
  // As root, nginx would switch its workers to `nobody`, who cannot use the private temp folder.
  const user = userInfo().uid === 0 ? 'user root;' : '';
  return `${user}
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 64; }
http {
  access_log ${dir}/access.log;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
${servers}
}
`;
}

/** `proxy_pass` to `upstream` with X-Forwarded-For and X-Forwarded-Proto, as a deployment sets them. */
function tlsServer(dir: string, port: number, upstream: string): string {
  return `  server {
    listen 127.0.0.1:${port} ssl;
    ssl_certificate ${dir}/cert.pem;
    ssl_certificate_key ${dir}/key.pem;
    location / {
      proxy_pass ${upstream};
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $remote_addr;
      proxy_set_header X-Forwarded-Proto $scheme;
    }
  }`;
}

function exited(child: ChildProcess): Promise<unknown> {
  return child.exitCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', resolve));
}

export interface Nginx {
  /** The folder holding the config, logs and temp files (removed by stop). */
  dir: string;
  stop(): Promise<void>;
}

/**
 * Starts nginx in the foreground on `servers` (server blocks, written by `servers(dir)`), and waits
 * until `ready()` resolves true (10 seconds at most; the error log is in the failure).
 */
export async function startNginx(
  servers: (dir: string) => string,
  ready: () => Promise<boolean>,
  prepare: (dir: string) => void = () => {},
): Promise<Nginx> {
  const dir = mkdtempSync(join(tmpdir(), 'verifier-nginx-'));
  prepare(dir);
  const file = join(dir, 'nginx.conf');
  writeFileSync(file, nginxConfig(dir, servers(dir)));
  // -e: the error log before the config is read, so nothing is written to /var/log/nginx.
  const child = spawn('nginx', ['-c', file, '-p', dir, '-e', join(dir, 'error.log'), '-g', 'daemon off;'], {
    stdio: 'ignore',
  });
  let failed: Error | undefined;
  child.on('error', (error) => {
    failed = error;
  });
  const stop = async () => {
    if (child.exitCode === null && !failed) {
      const done = exited(child);
      child.kill('SIGTERM');
      await done;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  for (let i = 0; i < 100 && child.exitCode === null && !failed; i++) {
    try {
      if (await ready()) return { dir, stop };
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  let log = failed?.message ?? '';
  try {
    log += readFileSync(join(dir, 'error.log'), 'utf8');
  } catch {
    // No log: nginx did not get as far as reading its config.
  }
  await stop();
  throw new Error(`nginx did not get ready within 10 seconds:\n${log}`);
}

function selfSignedCertificate(dir: string): void {
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
}

export async function startTlsProxy(upstream: string): Promise<TlsProxy> {
  const port = await freePort();
  const url = `https://127.0.0.1:${port}`;
  let ca = '';
  const nginx = await startNginx(
    (dir) => tlsServer(dir, port, upstream),
    async () => (await httpsRequest(`${url}/api/health`, { ca })).status === 200,
    (dir) => {
      selfSignedCertificate(dir);
      ca = readFileSync(join(dir, 'cert.pem'), 'utf8');
    },
  );
  return { url, ca, stop: nginx.stop };
}

export interface Answer {
  status: number;
  setCookie: string[];
  body: string;
}

/** One HTTPS request that trusts only `ca` (the certificate is checked, never waved through). */
export function httpsRequest(
  url: string,
  options: { ca: string; method?: string; headers?: Record<string, string>; body?: string },
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: options.method ?? 'GET', headers: options.headers, ca: options.ca, timeout: 10_000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            setCookie: res.headers['set-cookie'] ?? [],
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`No answer from ${url} within 10 seconds.`)));
    req.on('error', reject);
    req.end(options.body);
  });
}
