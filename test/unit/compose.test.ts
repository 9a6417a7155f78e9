import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { runCli } from '../helpers/cli.js';
import { repoRoot } from '../helpers/config.js';

// No Docker engine in CI: these check the files' structure, the parts `docker compose up` needs.

interface Service {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  command?: string[] | string;
  depends_on?: Record<string, { condition?: string }> | string[];
  environment?: Record<string, string> | string[];
  healthcheck?: { test?: string[] | string };
  volumes?: string[];
}

const compose = parse(readFileSync(path.join(repoRoot, 'docker-compose.yml'), 'utf8')) as {
  services: Record<string, Service>;
};
const sw = compose.services.sanctionwatch;

/** Dockerfile instructions: continuation lines joined, comments and blank lines dropped. */
function instructions(text: string): { op: string; args: string }[] {
  const joined = text
    .split('\n')
    .filter((l) => !/^\s*#/.test(l))
    .join('\n')
    .replace(/\\\n/g, ' ');
  return joined
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [op, ...rest] = l.split(/\s+/);
      return { op: op.toUpperCase(), args: rest.join(' ') };
    });
}

const dockerfile = instructions(readFileSync(path.join(repoRoot, 'Dockerfile'), 'utf8'));
const stages: { op: string; args: string }[][] = [];
for (const ins of dockerfile) {
  if (ins.op === 'FROM') stages.push([]);
  stages.at(-1)?.push(ins);
}
const runtime = stages.at(-1) ?? [];

/** Compose-style `${VAR:-default}` resolved to its default, `${VAR}` to empty, as on a clean host. */
function composeValue(text: string): string {
  return text.replace(
    /\$\{[A-Za-z_][A-Za-z0-9_]*(?::?-([^}]*))?\}/g,
    (_m, def?: string) => def ?? '',
  );
}

function composeEnv(service: Service): Record<string, string> {
  const env = service.environment ?? {};
  const pairs = Array.isArray(env)
    ? env.map((e) => e.split(/=(.*)/s).slice(0, 2) as [string, string])
    : Object.entries(env);
  return Object.fromEntries(pairs.map(([k, v]) => [k, composeValue(String(v ?? ''))]));
}

function commandArgs(service: Service): string[] {
  const c = service.command ?? [];
  return Array.isArray(c) ? c : c.split(/\s+/);
}

/** The config file the service starts with, as a path in the repo (the container's /app). */
function serviceConfigPath(): string {
  const args = commandArgs(sw);
  const i = args.findIndex((a) => a === '--config' || a === '-c');
  return path.join(repoRoot, i >= 0 ? args[i + 1] : 'config/sanctionwatch.yaml');
}

describe('docker-compose.yml', () => {
  it('has the redis, mailpit and sanctionwatch services', () => {
    expect(Object.keys(compose.services)).toEqual(
      expect.arrayContaining(['redis', 'mailpit', 'sanctionwatch']),
    );
    expect(compose.services.mailpit.image).toMatch(/mailpit/);
  });

  it('runs Redis with AOF and noeviction, so queued jobs survive restarts and are never evicted', () => {
    const cmd = commandArgs(compose.services.redis).join(' ');
    expect(cmd).toMatch(/--appendonly\s+yes/);
    expect(cmd).toMatch(/--maxmemory-policy\s+noeviction/);
    expect(compose.services.redis.healthcheck?.test).toBeDefined();
  });

  it('builds sanctionwatch from the Dockerfile and starts it once Redis is healthy', () => {
    const build = typeof sw.build === 'string' ? { context: sw.build } : sw.build;
    expect(build?.context).toBe('.');
    expect(existsSync(path.join(repoRoot, build?.dockerfile ?? 'Dockerfile'))).toBe(true);
    expect(Array.isArray(sw.depends_on)).toBe(false);
    const deps = sw.depends_on as Record<string, { condition?: string }>;
    expect(deps.redis?.condition).toBe('service_healthy');
    expect(deps.mailpit).toBeDefined();
  });

  it('has a healthcheck on /healthz', () => {
    const test = sw.healthcheck?.test;
    expect([test].flat().join(' ')).toContain('/healthz');
  });

  it('mounts only folders that exist', () => {
    for (const v of sw.volumes ?? []) {
      const host = v.split(':')[0];
      if (host.startsWith('.')) expect(existsSync(path.join(repoRoot, host)), v).toBe(true);
    }
  });

  it("starts with a config that e-mails alerts to Mailpit's SMTP port", async () => {
    const config = await loadConfig(serviceConfigPath(), composeEnv(sw));
    const email = config.channels.filter((c) => c.type === 'email');
    expect(email.map((c) => new URL(c.smtp).host)).toContain('mailpit:1025');
    const routed = new Set(config.routes.flatMap((r) => r.channels));
    expect(email.some((c) => routed.has(c.name))).toBe(true);
    expect(new URL(config.redis.url).host).toBe('redis:6379');
  });

  it('polls the same feeds as the shipped config', async () => {
    const shipped = await loadConfig(
      path.join(repoRoot, 'config/sanctionwatch.yaml'),
      composeEnv(sw),
    );
    const used = await loadConfig(serviceConfigPath(), composeEnv(sw));
    expect(used.feeds).toEqual(shipped.feeds);
    expect(used.watchlistFiles).toEqual(shipped.watchlistFiles);
  });

  it('passes `sanctionwatch check` with the environment compose sets', async () => {
    const r = await runCli(['check', '--config', serviceConfigPath()], {
      env: { ...composeEnv(sw), SW_REDIS_PREFIX: '', SW_HTTP_PORT: '' },
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/: OK$/m);
  });
});

describe('Dockerfile', () => {
  it('is a multi-stage build', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
  });

  it('runs as a user that is not root', () => {
    const users = runtime.filter((i) => i.op === 'USER').map((i) => i.args.split(':')[0]);
    expect(users.length).toBeGreaterThan(0);
    expect(['root', '0']).not.toContain(users.at(-1));
  });

  it('has a HEALTHCHECK on /healthz', () => {
    const hc = runtime.find((i) => i.op === 'HEALTHCHECK');
    expect(hc?.args).toContain('/healthz');
  });

  it('copies only sources that exist in the repo and are not in .dockerignore', () => {
    const ignored = readFileSync(path.join(repoRoot, '.dockerignore'), 'utf8')
      .split('\n')
      .map((l) => l.trim().replace(/\/$/, ''))
      .filter((l) => l && !l.startsWith('#'));
    const copies = dockerfile.filter((i) => i.op === 'COPY' || i.op === 'ADD');
    expect(copies.length).toBeGreaterThan(0);
    for (const c of copies) {
      const words = c.args.startsWith('[') ? (JSON.parse(c.args) as string[]) : c.args.split(/\s+/);
      if (words.some((w) => w.startsWith('--from='))) continue;
      const sources = words.filter((w) => !w.startsWith('--')).slice(0, -1);
      for (const src of sources) {
        expect(existsSync(path.join(repoRoot, src)), `COPY ${src}`).toBe(true);
        expect(ignored, `COPY ${src} is in .dockerignore`).not.toContain(src.replace(/^\.\//, ''));
      }
    }
  });

  it('ships what the runtime needs: compiled code, bin, config and the demo feeds', () => {
    const sources = runtime
      .filter((i) => i.op === 'COPY')
      .map((i) => i.args.split(/\s+/).filter((w) => !w.startsWith('--'))[0]);
    for (const needed of [
      '/app/dist',
      '/app/node_modules',
      'bin',
      'config',
      'demo',
      'package.json',
    ]) {
      expect(sources, needed).toContain(needed);
    }
  });
});
