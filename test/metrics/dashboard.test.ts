import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../src/domain/projectPaths';
import { BotMetrics } from '../../src/metrics/botMetrics';

interface DataSourceRef {
  type?: string;
  uid?: string;
}
interface Target {
  expr?: string;
  datasource?: DataSourceRef;
}
interface Panel {
  id: number;
  type: string;
  title: string;
  datasource?: DataSourceRef;
  gridPos: { x: number; y: number; w: number; h: number };
  targets?: Target[];
  panels?: Panel[];
}
interface Variable {
  name: string;
  type: string;
  query?: string | { query?: string };
  datasource?: DataSourceRef;
}
interface Dashboard {
  schemaVersion: number;
  uid: string;
  title: string;
  panels: Panel[];
  templating: { list: Variable[] };
}

const DATASOURCE_UID = '${DS_PROMETHEUS}';
/** Labels Prometheus adds to every series it scrapes, and Grafana's own variables. */
const TARGET_LABELS = ['instance', 'job'];
const GRAFANA_VARIABLES = ['__rate_interval', '__range', '__interval'];

const dashboard = JSON.parse(readFileSync(join(projectRoot(), 'ops', 'grafana-dashboard.json'), 'utf8')) as Dashboard;
const panels = dashboard.panels.flatMap((panel) => [panel, ...(panel.panels ?? [])]).filter((panel) => panel.type !== 'row');
const variables = dashboard.templating.list;
const queryOf = (variable: Variable): string => (typeof variable.query === 'string' ? variable.query : (variable.query?.query ?? ''));
const expressions = [
  ...panels.flatMap((panel) => (panel.targets ?? []).map((target) => ({ where: panel.title, expr: target.expr ?? '' }))),
  ...variables.filter((v) => v.type === 'query').map((v) => ({ where: `variable ${v.name}`, expr: queryOf(v) })),
];

/** Each metric of a bot whose every recording call has run once: its type and the label names its series carry. */
async function registeredMetrics(): Promise<Map<string, { type: string; labels: Set<string> }>> {
  const metrics = new BotMetrics({ processMetrics: true });
  metrics.turnFinished('sms', 0.01, true);
  metrics.stepReached('booking', '0:location', 'es', 'sms');
  metrics.bookingSettled({ language: 'es' }, { ok: false, reason: 'slot_full' });
  metrics.reminderSent('sms');
  metrics.reminderFailed('chat');
  metrics.misread('date', 'es');
  metrics.rateLimited('/api/messages');
  metrics.redisError('durable');
  metrics.streamUpgradeAnswered(101);
  metrics.httpRequestFinished('/api/messages', 'POST', 200, 0.01);
  const known = new Map<string, { type: string; labels: Set<string> }>();
  for (const metric of await metrics.registry.getMetricsAsJSON()) {
    const labels = new Set(metric.values.flatMap((value) => Object.keys(value.labels)));
    known.set(metric.name, { type: String(metric.type), labels });
  }
  return known;
}

/** A queried name as the registry knows it: a histogram's _bucket/_sum/_count series are the histogram's. */
function registryName(name: string, known: Map<string, { type: string }>): string | undefined {
  if (known.has(name)) return name;
  const histogram = /^(.*)_(bucket|sum|count)$/.exec(name)?.[1];
  return histogram !== undefined && known.get(histogram)?.type === 'histogram' ? histogram : undefined;
}

function labelsIn(expr: string): string[] {
  const grouped = [...expr.matchAll(/\b(?:by|without)\s*\(([^)]*)\)/g)].flatMap((m) => m[1].split(',').map((l) => l.trim()));
  const selected = [...expr.matchAll(/\{([^}]*)\}/g)].flatMap((m) =>
    [...m[1].matchAll(/([a-zA-Z_]\w*)\s*(?:=~|!~|!=|=)/g)].map((l) => l[1]),
  );
  const valuesOf = [...expr.matchAll(/label_values\(\s*[\w:]+\s*,\s*(\w+)\s*\)/g)].map((m) => m[1]);
  return [...grouped, ...selected, ...valuesOf].filter((label) => label !== '');
}

describe('ops/grafana-dashboard.json', () => {
  it('is a Grafana dashboard (schema 39) whose every panel and query reads the ${DS_PROMETHEUS} data source variable', () => {
    assert.equal(dashboard.schemaVersion, 39);
    assert.ok(dashboard.uid && dashboard.title);
    const source = variables.find((v) => v.name === 'DS_PROMETHEUS');
    assert.deepEqual([source?.type, source?.query], ['datasource', 'prometheus']);
    assert.ok(panels.length >= 10, `${panels.length} panels`);
    for (const panel of panels) {
      assert.equal(panel.datasource?.uid, DATASOURCE_UID, panel.title);
      assert.ok((panel.targets ?? []).length > 0, `${panel.title} has a query`);
      for (const target of panel.targets ?? []) assert.equal(target.datasource?.uid, DATASOURCE_UID, panel.title);
      assert.ok(panel.gridPos.x >= 0 && panel.gridPos.w > 0 && panel.gridPos.x + panel.gridPos.w <= 24, `${panel.title} fits 24 columns`);
    }
    for (const variable of variables.filter((v) => v.type === 'query'))
      assert.equal(variable.datasource?.uid, DATASOURCE_UID, variable.name);
    const ids = dashboard.panels.flatMap((panel) => [panel, ...(panel.panels ?? [])]).map((panel) => panel.id);
    assert.equal(new Set(ids).size, ids.length, 'panel ids are unique');
  });

  it('queries only metrics the bot registers, by labels they have, and uses only variables it defines', async () => {
    const known = await registeredMetrics();
    const defined = new Set([...variables.map((v) => v.name), ...GRAFANA_VARIABLES]);
    for (const { where, expr } of expressions) {
      const names = [...new Set(expr.match(/\binfopass_\w+/g) ?? [])];
      assert.ok(names.length > 0, `${where}: queries an infopass_ metric: ${expr}`);
      const allowed = new Set(TARGET_LABELS);
      for (const name of names) {
        const registered = registryName(name, known);
        assert.ok(registered, `${where}: ${name} is not a metric the bot registers`);
        for (const label of known.get(registered)?.labels ?? []) allowed.add(label);
        if (name.endsWith('_bucket')) allowed.add('le');
      }
      for (const label of labelsIn(expr)) assert.ok(allowed.has(label), `${where}: no metric of "${expr}" has the label ${label}`);
      for (const used of expr.matchAll(/\$\{?(\w+)/g))
        assert.ok(defined.has(used[1]), `${where}: $${used[1]} is not a variable of the dashboard`);
    }
  });

  it('shows every metric of the bot’s own (not only the process metrics)', async () => {
    const known = await registeredMetrics();
    const queried = new Set(
      expressions.flatMap(({ expr }) => (expr.match(/\binfopass_\w+/g) ?? []).map((name) => registryName(name, known))),
    );
    const own = [...known.keys()].filter((name) => !name.startsWith('infopass_process_') && !name.startsWith('infopass_nodejs_'));
    assert.ok(own.length >= 14, own.join(' '));
    assert.deepEqual(
      own.filter((name) => !queried.has(name)),
      [],
    );
  });
});
