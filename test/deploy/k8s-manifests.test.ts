import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseAllDocuments, parse as parseYaml, stringify } from 'yaml';
import { compileProject } from '../../src/compiler/compile-project';
import type { VoxtraConfig } from '../../src/config/config-types';
import { loadProject } from '../../src/config/load-project';
import { parseDuration } from '../../src/core/duration';
import { isRecord } from '../../src/core/is-record';
import { configSchema } from '../../src/schema/config-schema';
import { SchemaValidator } from '../../src/schema/schema-validator';
import { ConfigMapVolume } from '../helpers/configmap-volume';

const K8S = path.resolve(__dirname, '../../deploy/k8s');

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (isRecord(v) ? v : {});
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.map(obj) : []);

/** Every document of every manifest, parsed with the `yaml` package; a parse error or warning fails the file. */
function manifests(): Map<string, Obj[]> {
  const out = new Map<string, Obj[]>();
  for (const file of readdirSync(K8S).filter((f) => f.endsWith('.yaml')).sort()) {
    const docs = parseAllDocuments(readFileSync(path.join(K8S, file), 'utf8'));
    if (!Array.isArray(docs)) throw new Error(`${file}: no documents`);
    const problems = docs.flatMap((d) => [...d.errors, ...d.warnings].map((e) => e.message));
    if (problems.length > 0) throw new Error(`${file}: ${problems.join('; ')}`);
    out.set(file, docs.map((d) => obj(d.toJS())));
  }
  return out;
}

function byKind(all: Map<string, Obj[]>, kind: string): Obj {
  const found = [...all.values()].flat().filter((d) => d.kind === kind);
  expect(found).toHaveLength(1);
  return found[0] as Obj;
}

const matches = (selector: unknown, labels: unknown): boolean => Object.entries(obj(selector)).every(([k, v]) => obj(labels)[k] === v);
const portOf = (hostPort: unknown): number => Number(String(hostPort).split(':').pop());

/** The scale-out keys of issue 10 (notes: scale-config) are known to the config schema once the runtime side has them. */
function scaleOutKeysKnown(): boolean {
  const sample = { ari: [{ name: 'edge', listen: '0.0.0.0:8765', path: '/voxtra', username: 'a', password: 'b', connection: 'per_call' }], app: 'x', flows: 'f', runtime: { max_calls: 1 } };
  return new SchemaValidator(configSchema()).validate(sample).length === 0;
}

/**
 * The config without the scale-out keys, for a schema that does not know
 * them yet: a `listen` server becomes an inbound one with a placeholder url.
 */
function withoutScaleOutKeys(config: Obj): Obj {
  const servers = Array.isArray(config.ari) ? list(config.ari) : [obj(config.ari)];
  const ari = servers.map(({ listen, path: _path, connection: _c, rest: _r, tls: _t, public_url: _p, ari_username: _u, ari_password: _pw, ...rest }) => ({
    ...rest,
    ...(listen !== undefined && rest.url === undefined ? { url: 'http://127.0.0.1:8088' } : {}),
  }));
  const { max_calls: _maxCalls, ...runtime } = obj(config.runtime);
  return { ...config, ari, runtime };
}

describe('deploy/k8s', () => {
  const all = manifests();
  const deployment = byKind(all, 'Deployment');
  const service = byKind(all, 'Service');
  const pdb = byKind(all, 'PodDisruptionBudget');
  const configMap = byKind(all, 'ConfigMap');
  const secret = byKind(all, 'Secret');
  const kustomization = byKind(all, 'Kustomization');
  const pod = obj(obj(deployment.spec).template);
  const podSpec = obj(pod.spec);
  const container = list(podSpec.containers)[0] as Obj;
  const ports = list(container.ports);
  const configText = String(obj(configMap.data)['voxtra.config.yaml']);
  const config = obj(parseYaml(configText));
  const server = list(config.ari)[0] as Obj;

  it('applies every manifest through kustomization.yaml except the Secret example', () => {
    const resources = (kustomization.resources as string[]).slice().sort();
    expect(resources).toEqual([...all.keys()].filter((f) => f !== 'kustomization.yaml' && f !== 'secret.example.yaml').sort());
    expect(String(obj(secret.stringData)['websocket-password'])).toMatch(/^CHANGE-ME/);
    expect(String(obj(secret.stringData)['ari-password'])).toMatch(/^CHANGE-ME/);
  });

  it('runs 2+ replicas that the Service and the PodDisruptionBudget select', () => {
    const spec = obj(deployment.spec);
    expect(Number(spec.replicas)).toBeGreaterThanOrEqual(2);
    const labels = obj(pod.metadata).labels;
    expect(matches(obj(spec.selector).matchLabels, labels)).toBe(true);
    expect(matches(obj(service.spec).selector, labels)).toBe(true);
    expect(matches(obj(obj(pdb.spec).selector).matchLabels, labels)).toBe(true);
    expect(obj(pdb.spec).minAvailable).toBe(1);
    expect(obj(obj(spec.strategy).rollingUpdate).maxUnavailable).toBe(0);
  });

  it('probes /readyz and /healthz on the ops port, which is http.listen; the Service targets the listener port', () => {
    const named = new Map(ports.map((p) => [String(p.name), Number(p.containerPort)]));
    const probe = (name: string) => obj(obj(container[name]).httpGet);
    expect(probe('readinessProbe')).toEqual({ path: '/readyz', port: 'ops' });
    expect(probe('livenessProbe')).toEqual({ path: '/healthz', port: 'ops' });
    expect(named.get(String(probe('startupProbe').port))).toBeDefined();
    expect(named.get('ops')).toBe(portOf(obj(config.http).listen));
    expect(named.get('ari-ws')).toBe(portOf(server.listen));
    for (const p of list(obj(service.spec).ports)) expect(named.has(String(p.targetPort))).toBe(true);
  });

  it('gives a stopping pod longer than the preStop wait plus runtime.shutdown.grace', () => {
    const command = obj(obj(obj(container.lifecycle).preStop).exec).command as string[];
    expect(command[0]).toBe('sleep');
    const preStopMs = Number(command[1]) * 1000;
    const graceMs = parseDuration(obj(obj(config.runtime).shutdown).grace) as number;
    expect(graceMs).toBe(30_000);
    expect(Number(podSpec.terminationGracePeriodSeconds) * 1000).toBeGreaterThan(preStopMs + graceMs);
  });

  it('mounts the ConfigMap as the config folder (no subPath) and takes the passwords from the Secret', () => {
    const args = container.args as string[];
    const configFile = args[args.indexOf('--config') + 1] as string;
    const volume = list(podSpec.volumes).find((v) => obj(v.configMap).name === obj(configMap.metadata).name);
    const mount = list(container.volumeMounts).find((m) => m.name === volume?.name);
    expect(mount).toMatchObject({ mountPath: path.posix.dirname(configFile), readOnly: true });
    expect(mount?.subPath).toBeUndefined();
    expect(obj(configMap.data)[path.posix.basename(configFile)]).toBeDefined();

    const env = new Map(list(container.env).map((e) => [String(e.name), obj(obj(e.valueFrom).secretKeyRef)]));
    for (const ref of env.values()) {
      expect(ref.name).toBe(obj(secret.metadata).name);
      expect(Object.keys(obj(secret.stringData))).toContain(ref.key);
    }
    // Every ${NAME} the config uses outside comments comes from the container's environment.
    const used = [...stringify(config).matchAll(/\$\{(\w+)/g)].map((m) => m[1] as string);
    expect(used.length).toBeGreaterThan(0);
    for (const name of used) expect(env.has(name)).toBe(true);
  });

  const strict = scaleOutKeysKnown();
  it(
    strict
      ? 'holds a config and flows that `voxtra validate` accepts, laid out as the kubelet mounts them'
      : 'holds a config and flows that validate, laid out as the kubelet mounts them (the scale-out keys are set aside: the config schema does not know them yet)',
    async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'voxtra-k8s-'));
      try {
        const data = { ...(configMap.data as Record<string, string>) };
        if (!strict) data['voxtra.config.yaml'] = stringify(withoutScaleOutKeys(config));
        ConfigMapVolume.create(path.join(dir, 'etc/voxtra'), data);
        const env = Object.fromEntries(Object.entries(obj(secret.stringData)).map(([k, v]) => [k === 'websocket-password' ? 'VOXTRA_WS_PASSWORD' : 'ARI_PASSWORD', String(v)]));
        const project = await loadProject({ cwd: dir, configPath: 'etc/voxtra/voxtra.config.yaml', env });
        const compiled = compileProject(project);
        expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        expect(compiled.apps.map((a) => a.name)).toEqual(['voxtra']);
        // One flow file: the config itself and the volume's hidden folders are not flows.
        expect(project.apps[0]?.files).toEqual(['etc/voxtra/main.yaml']);
        expect((project.config as VoxtraConfig).runtime.shutdown.graceMs).toBe(30_000);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
