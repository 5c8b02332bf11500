/**
 * The panels in a real browser: the passes timeline and sky plot, exporting passes as CSV
 * (compared with the server's own answer), a request drawn on the map submitted and listed with
 * its feasibility, and an alert pushed by the server appearing without a reload.
 */
import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type E2E,
  SKIP_MESSAGE,
  hasChromium,
  screenshot,
  startServerAndBrowser,
} from './support.js';

if (!hasChromium) console.warn(SKIP_MESSAGE);

/** RFC 4180 reader (independent of the dashboard's writer). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || row.length > 0) throw new Error('CSV does not end with CRLF');
  return rows;
}

/** TLE line checksum (column 69): digits summed, '-' counts 1, modulo 10. */
function tleChecksum(line: string): number {
  let sum = 0;
  for (const c of line.slice(0, 68)) sum += c === '-' ? 1 : /\d/.test(c) ? Number(c) : 0;
  return sum % 10;
}

/** Line 1 with its epoch moved to `ms` (same elements): the demo constellation's epoch is fixed. */
function withEpoch(line1: string, ms: number): string {
  const d = new Date(ms);
  const start = Date.UTC(d.getUTCFullYear(), 0, 1);
  const day = 1 + (ms - start) / 86_400_000;
  const epoch = `${String(d.getUTCFullYear() % 100).padStart(2, '0')}${day.toFixed(8).padStart(12, '0')}`;
  const l = `${line1.slice(0, 18)}${epoch}${line1.slice(32, 68)}`;
  return `${l}${tleChecksum(l)}`;
}

describe.skipIf(!hasChromium)('panels in Chromium', () => {
  let e: E2E;
  let token: string;
  const api = async (method: string, path: string, body?: unknown) => {
    const r = await fetch(`${e.baseUrl}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    return {
      status: r.status,
      json: (await r.json().catch(() => null)) as Record<string, unknown> | null,
    };
  };

  beforeAll(async () => {
    // one job thread: the planning test runs a real planning job
    e = await startServerAndBrowser({ server: { jobs: { threads: 1 } } });
    const r = await fetch(`${e.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: e.adminPassword }),
    });
    token = ((await r.json()) as { token: string }).token;
    // The demo element sets have a fixed epoch (2026-01-01); the planner refuses element sets
    // more than 60 days from its start, as an operator would import fresh ones: re-import them
    // with today's epoch.
    const sats = (await api('GET', '/satellites')).json as unknown as Array<{ id: string }>;
    const lines: string[] = [];
    for (const s of sats) {
      const d = (await api('GET', `/satellites/${s.id}`)).json as unknown as {
        elementSet: { name: string; line1: string; line2: string } | null;
      };
      if (!d.elementSet) continue;
      lines.push(d.elementSet.name, withEpoch(d.elementSet.line1, Date.now()), d.elementSet.line2);
    }
    const imported = await api('POST', '/satellites/import', {
      format: 'tle',
      text: `${lines.join('\n')}\n`,
      source: "e2e: demo elements at today's epoch",
    });
    expect(imported.status, JSON.stringify(imported.json)).toBe(200);
    expect(imported.json!.errors).toEqual([]);
    await e.login('admin', e.adminPassword);
  }, 180_000);
  afterAll(async () => {
    await e?.close();
  });

  it('shows the passes timeline and the sky plot of a selected pass', async () => {
    const { page } = e;
    await page.getByTestId('tab-passes').click();
    const bar = page.locator('[data-testid="pass-bar"][data-flags=""]').first();
    await bar.waitFor({ timeout: 60_000 });
    await bar.click();
    const track = page.getByTestId('skyplot-track');
    await track.waitFor({ timeout: 30_000 });
    const d = (await track.getAttribute('d')) ?? '';
    expect(d.split('L').length).toBeGreaterThan(10); // a sampled path, not a point
    await screenshot(page, 'panel-passes');
  });

  it('exports the passes on screen as a valid CSV file, the same passes as the server gives', async () => {
    const { page } = e;
    await page.getByTestId('tab-export').click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-passes-csv').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^sahelsat-passes-\d{4}-\d{2}-\d{2}-\d{6}Z\.csv$/);
    const text = readFileSync((await download.path())!, 'utf8');
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual([
      'station_id',
      'satellite_id',
      'norad_id',
      'satellite_name',
      'aos_utc',
      'tca_utc',
      'los_utc',
      'max_elevation_deg',
      'aos_azimuth_deg',
      'los_azimuth_deg',
      'duration_s',
      'flags',
    ]);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r).toHaveLength(12);
      expect(Date.parse(r[4]!)).toBeLessThanOrEqual(Date.parse(r[5]!));
      expect(Date.parse(r[5]!)).toBeLessThanOrEqual(Date.parse(r[6]!));
      expect(Number(r[7])).toBeGreaterThan(0);
    }
    // the window the timeline shows starts at the first 10-minute boundary before "now"
    const start = new Date(Math.floor(Date.now() / 600_000) * 600_000).toISOString();
    let expected = 0;
    for (const station of new Set(rows.map((r) => r[0]!))) {
      const a = await api('GET', `/passes?station=${station}&hours=24&start=${start}`);
      expected += (a.json!.passes as unknown[]).length;
    }
    expect(rows.length).toBe(expected);
  });

  it(
    'submits a request drawn on the map and lists it with its feasibility',
    { timeout: 180_000 },
    async () => {
      const { page } = e;
      await page.getByTestId('tab-requests').click();
      await page.getByTestId('draw-start').click();
      const box = (await page.locator('[data-testid="map"] canvas').first().boundingBox())!;
      const cx = box.x + box.width / 2;
      const cy = box.y + box.height / 2;
      await page.mouse.click(cx - 60, cy - 40);
      await page.mouse.click(cx + 60, cy - 40);
      await page.mouse.click(cx + 60, cy + 40);
      await page.mouse.dblclick(cx - 60, cy + 40);
      await expect.poll(() => page.getByTestId('request-area').textContent()).toMatch(/4 vertices/);
      const title = `e2e drawn request ${Date.now()}`;
      await page.getByTestId('request-title').fill(title);
      const feasibilityRoute = (await api('POST', '/feasibility', {})).json;
      const hasFeasibility =
        (feasibilityRoute?.error as { code?: string } | undefined)?.code !== 'route-not-found';
      // Chromium logs every 404 resource as a console error: expected while the route is absent
      if (!hasFeasibility) e.allowConsoleError(/404 \(Not Found\).*\/feasibility/);
      await page.getByTestId('feasibility-ask').click();
      if (hasFeasibility) {
        const answer = page.getByTestId('feasibility-draft');
        await answer.waitFor({ timeout: 60_000 });
        // the verdict first: what sets the earliest acquisition and delivery, or why not;
        // per-satellite limits only folded away as detail
        await expect
          .poll(() => answer.getByTestId('feasibility-verdict').textContent())
          .toMatch(
            /Earliest acquisition: .*next access of .*Earliest delivery|No delivery|Infeasible because/,
          );
        if ((await answer.getByTestId('feasibility-detail').count()) > 0)
          expect(
            await answer
              .getByTestId('feasibility-detail')
              .evaluate((d) => (d as HTMLDetailsElement).open),
          ).toBe(false);
      } else
        await expect
          .poll(() => page.getByTestId('feasibility-error').first().textContent(), {
            timeout: 30_000,
          })
          .toContain('not available on this server yet');
      await page.getByTestId('request-submit').click();
      await page.getByTestId('request-done').waitFor({ timeout: 30_000 });
      const row = page.getByTestId('request-row').filter({ hasText: title });
      await row.waitFor({ timeout: 30_000 });
      await expect.poll(() => row.getByTestId('request-status').textContent()).toBe('submitted');
      // the server stored the polygon drawn (4 vertices + closing one)
      const list = await api('GET', `/requests?q=${encodeURIComponent(title)}`);
      const stored = (
        list.json!.items as Array<{ aoi: { type: string; coordinates: number[][][] } }>
      )[0]!;
      expect(stored.aoi.type).toBe('Polygon');
      expect(stored.aoi.coordinates[0]).toHaveLength(5);
      const cell = row.getByTestId('request-feasibility');
      if (hasFeasibility) {
        await expect
          .poll(() => cell.textContent(), { timeout: 60_000 })
          .toMatch(/acq\.|not feasible/);
      } else {
        console.warn(
          'feasibility endpoint absent (plan-server not merged): checked the translated "not available" message',
        );
        await expect
          .poll(() => cell.textContent(), { timeout: 30_000 })
          .toContain('not available on this server yet');
      }
      await row.scrollIntoViewIfNeeded();
      await screenshot(page, 'panel-requests');
      // filters: a draft-only list does not show it, a submitted-only list of its nation does
      await page.getByTestId('filter-status').selectOption('draft');
      await expect.poll(() => row.count(), { timeout: 30_000 }).toBe(0);
      await page.getByTestId('filter-status').selectOption('submitted');
      await page.getByTestId('filter-nation').selectOption('AES');
      await expect.poll(() => row.count(), { timeout: 30_000 }).toBe(1);
      await page.getByTestId('filter-nation').selectOption('ML');
      await expect.poll(() => row.count(), { timeout: 30_000 }).toBe(0);
      await page.getByTestId('filter-nation').selectOption('');
      await page.getByTestId('filter-status').selectOption('');
      // live: a request created by someone else appears without a reload
      const other = `created elsewhere ${Date.now()}`;
      const made = await api('POST', '/requests', {
        title: other,
        aoi: { type: 'Point', coordinates: [2.1, 13.5] },
        priority: 4,
        window: {
          start: new Date(Date.now() + 3_600_000).toISOString(),
          end: new Date(Date.now() + 86_400_000).toISOString(),
        },
        sensorType: 'sar',
        releasability: 'alliance',
      });
      expect(made.status).toBe(201);
      await page.getByTestId('request-row').filter({ hasText: other }).waitFor({ timeout: 30_000 });
    },
  );

  it('shows an alert pushed by the server without a reload, with a toast', async (t) => {
    const { page } = e;
    await page.getByTestId('tab-alerts').click();
    const headline = `Niger river rising at Niamey ${Date.now()}`;
    const created = await api('POST', '/alerts', {
      event: { en: 'Flood', fr: 'Inondation' },
      headline: { en: headline, fr: `Crue du Niger à Niamey ${headline.slice(-13)}` },
      description: {
        en: 'Water above the warning level.',
        fr: 'Eau au-dessus du niveau d’alerte.',
      },
      severity: 'Severe',
      urgency: 'Expected',
      certainty: 'Likely',
      area: { description: { en: 'Niamey', fr: 'Niamey' } },
      releasability: 'alliance',
    });
    if ((created.json?.error as { code?: string } | undefined)?.code === 'route-not-found') {
      console.warn('POST /api/v1/alerts absent (alerts branch not merged): alert test skipped');
      await expect
        .poll(() => page.getByTestId('panel-error').first().textContent(), { timeout: 30_000 })
        .toContain('not available on this server yet');
      t.skip();
      return;
    }
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    await page
      .getByTestId('alert-toast')
      .filter({ hasText: headline })
      .waitFor({ timeout: 30_000 });
    const item = page.locator(
      `[data-testid="alert-item"][data-alert-id="${String(created.json!.id)}"]`,
    );
    await item.waitFor();
    await item.getByRole('button').first().click();
    await expect
      .poll(() => item.getByTestId('alert-details').textContent())
      .toContain('Water above the warning level.');
    await screenshot(page, 'panel-alerts');
    // the CAP texts follow the language
    await page.getByTestId('lang-fr').click();
    await expect
      .poll(() => item.getByTestId('alert-details').textContent())
      .toContain('Eau au-dessus du niveau d’alerte.');
    await expect.poll(() => item.textContent()).toContain('Crue du Niger à Niamey');
    await expect.poll(() => item.textContent()).toContain('Grave');
    await page.getByTestId('lang-en').click();
  });

  it('exports the areas (requests and AOIs) as KML with one placemark each', async () => {
    const { page } = e;
    await page.getByTestId('tab-export').click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-areas-kml').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^sahelsat-areas-.*Z\.kml$/);
    const kml = readFileSync((await download.path())!, 'utf8');
    const doc = new XMLParser({ isArray: (n) => n === 'Placemark' }).parse(kml) as {
      kml: { Document: { Placemark: Array<{ name: string }> } };
    };
    const requests = (await api('GET', '/requests?limit=500')).json!.total as number;
    const aois = ((await api('GET', '/aois')).json as unknown as unknown[]).length;
    expect(doc.kml.Document.Placemark).toHaveLength(requests + aois);
    expect(requests).toBeGreaterThan(0);
  });

  it('closes a drawn polygon with Enter, refuses two vertices, and cancels with Esc', async () => {
    const { page } = e;
    await page.getByTestId('tab-requests').click();
    const box = (await page.locator('[data-testid="map"] canvas').first().boundingBox())!;
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    await page.getByTestId('draw-start').click();
    await page.mouse.click(cx - 50, cy - 50);
    await page.mouse.click(cx + 50, cy - 50);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByTestId('draw-status').textContent())
      .toContain('at least 3 vertices');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('draw-status').count()).toBe(0);
    await expect
      .poll(() => page.getByTestId('request-area').textContent())
      .toContain('No area yet');
    await page.getByTestId('draw-start').click();
    await page.mouse.click(cx - 50, cy - 50);
    await page.mouse.click(cx + 50, cy - 50);
    await page.mouse.click(cx, cy + 50);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('request-area').textContent()).toMatch(/3 vertices/);
  });

  it('offers bundled areas from the keyboard instead of drawing', async () => {
    const { page } = e;
    await page.getByTestId('tab-requests').click();
    const pick = page.getByTestId('area-pick');
    await expect
      .poll(() => pick.locator('optgroup').count(), { timeout: 30_000 })
      .toBeGreaterThan(2);
    await pick.focus();
    await pick.selectOption({ label: 'Mopti' });
    await expect.poll(() => page.getByTestId('request-area').textContent()).toContain('Mopti');
  });

  it('computes a link budget, or says the telecom service is not installed', async () => {
    const { page } = e;
    const probe = await api('POST', '/telecom/link', {});
    const present =
      (probe.json?.error as { code?: string } | undefined)?.code !== 'route-not-found';
    if (!present) e.allowConsoleError(/404 \(Not Found\).*\/telecom\/link/);
    await page.getByTestId('tab-link').click();
    await page.getByTestId('link-compute').click();
    if (present) {
      const avail = page.getByTestId('link.r.avail');
      await avail.waitFor({ timeout: 60_000 });
      const v = Number(await avail.textContent());
      expect(v).toBeGreaterThan(99);
      expect(v).toBeLessThanOrEqual(100);
      await screenshot(page, 'panel-link');
    } else {
      console.warn(
        'POST /api/v1/telecom/link absent (plan-server not merged): checked the message',
      );
      await expect
        .poll(() => page.getByTestId('link-error').textContent(), { timeout: 30_000 })
        .toContain('not available on this server yet');
    }
  });

  it('draws the latest plan version per satellite and tells what changed from the previous one', async () => {
    const { page } = e;
    const sats = (await api('GET', '/satellites')).json as unknown as Array<{ id: string }>;
    const [s1, s2] = [sats[0]!.id, sats[1]!.id];
    const now = Date.now();
    const iso = (minutes: number) => new Date(now + minutes * 60_000).toISOString();
    const newRequest = async (title: string) =>
      (
        await api('POST', '/requests', {
          title,
          aoi: { type: 'Point', coordinates: [-4.2, 14.5] },
          priority: 2,
          window: { start: iso(0), end: iso(24 * 60) },
          sensorType: 'any',
          releasability: 'alliance',
        })
      ).json!.id as string;
    const [ra, rb, rc] = [
      await newRequest('plan A'),
      await newRequest('plan B'),
      await newRequest('plan C'),
    ];
    const horizon = { start: iso(-60), end: iso(23 * 60) };
    const created = await api('POST', '/plans', {
      name: 'e2e plan',
      reason: 'first',
      horizon,
      acquisitions: [
        { requestId: ra, satelliteId: s1, start: iso(30), end: iso(31) },
        { requestId: rb, satelliteId: s2, start: iso(90), end: iso(91) },
      ],
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const planId = created.json!.id as string;
    const v2 = await api('POST', `/plans/${planId}/versions`, {
      reason: 'second',
      horizon,
      acquisitions: [
        { requestId: ra, satelliteId: s1, start: iso(30), end: iso(31) },
        { requestId: rb, satelliteId: s1, start: iso(120), end: iso(121) },
        { requestId: rc, satelliteId: s2, start: iso(200), end: iso(201) },
      ],
    });
    expect(v2.status, JSON.stringify(v2.json)).toBe(201);
    await page.getByTestId('tab-plans').click();
    await expect
      .poll(() => page.getByTestId('gantt-acquisition').count(), { timeout: 30_000 })
      .toBe(3);
    const changes = page.getByTestId('plan-changes');
    await expect.poll(() => changes.textContent()).toContain('Newly served: plan C');
    await expect
      .poll(() => changes.textContent())
      .toContain('Moved to another time or satellite: plan B');
    await screenshot(page, 'panel-plans');
  });

  it('shows a new flood product live over the map with its figures per region', async (t) => {
    const { page } = e;
    await page.getByTestId('tab-products').click();
    const title = `Flood Mopti e2e ${Date.now()}`;
    // a flood polygon across the Niger between Mopti and Djenné
    const ring = [
      [-4.3, 14.3],
      [-3.9, 14.3],
      [-3.9, 14.6],
      [-4.3, 14.6],
      [-4.3, 14.3],
    ];
    const created = await api('POST', '/products', {
      type: 'flood',
      title,
      acquiredAt: new Date(Date.now() - 3_600_000).toISOString(),
      releasability: 'alliance',
      geometry: {
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [ring] } },
        ],
      },
    });
    if ((created.json?.error as { code?: string } | undefined)?.code === 'route-not-found') {
      console.warn(
        'POST /api/v1/products absent (products branch not merged): product test skipped',
      );
      t.skip();
      return;
    }
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    await page.getByTestId('product-toast').filter({ hasText: title }).waitFor({ timeout: 30_000 });
    const item = page.getByTestId('product-item').filter({ hasText: title });
    await item.waitFor();
    await item.getByRole('button', { name: title, exact: false }).first().click();
    const stats = item.getByTestId('product-stats');
    await stats.waitFor();
    await expect.poll(() => stats.textContent()).toContain('Mopti');
    await screenshot(page, 'panel-products');
  });

  it(
    'runs a planning job from the panel, then an emergency re-plan, and shows what changed',
    { timeout: 240_000 },
    async () => {
      const { page } = e;
      await page.getByTestId('tab-plans').click();
      await page.getByTestId('plan-run').click();
      await expect
        .poll(() => page.getByTestId('plan-job').textContent(), {
          timeout: 180_000,
          interval: 1000,
        })
        .toMatch(/succeeded|failed|cancelled/);
      expect(await page.getByTestId('plan-job').textContent()).toContain('succeeded');
      // the new version has planner details: nations' shares and downlinks
      await page.getByTestId('plan-nations').waitFor({ timeout: 30_000 });
      await expect.poll(() => page.getByTestId('plan-nations').textContent()).toContain('Mali');
      const pick = page.getByTestId('emergency-request');
      await expect
        .poll(() => pick.locator('option').count(), { timeout: 30_000 })
        .toBeGreaterThan(1);
      await pick.selectOption({ index: 1 });
      await page.getByTestId('emergency-go').click();
      await page
        .locator(
          '[data-testid="emergency-done"], [data-testid="plan-ops"] [data-testid="panel-error"]',
        )
        .first()
        .waitFor({ timeout: 120_000 });
      expect(
        await page.getByTestId('emergency-done').count(),
        (await page.getByTestId('plan-ops').textContent()) ?? '',
      ).toBe(1);
      await page.getByTestId('plan-changes').waitFor({ timeout: 30_000 });
      await screenshot(page, 'panel-plans-emergency');
      // the plan on screen exported as CSV: one row per acquisition and per downlink of that version
      const plans = (await api('GET', '/plans')).json as unknown as Array<{
        id: string;
        latestVersion: number;
        updatedAt: string;
      }>;
      const latest = plans.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0]!;
      const v = (await api('GET', `/plans/${latest.id}/versions/${latest.latestVersion}`))
        .json as unknown as {
        acquisitions: unknown[];
        version: { details: { downlinks: unknown[] } | null };
      };
      await page.getByTestId('tab-export').click();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('export-plan-csv').click(),
      ]);
      const [header, ...rows] = parseCsv(readFileSync((await download.path())!, 'utf8'));
      expect(header![2]).toBe('kind');
      expect(
        rows.filter((r) => r[0] === latest.id && r[1] === String(latest.latestVersion)),
      ).toHaveLength(rows.length);
      expect(rows.filter((r) => r[2] === 'acquisition')).toHaveLength(v.acquisitions.length);
      expect(rows.filter((r) => r[2] === 'downlink')).toHaveLength(
        v.version.details?.downlinks.length ?? 0,
      );
      expect(v.acquisitions.length).toBeGreaterThan(0);
    },
  );

  it('does not offer the request form nor planning to a viewer', async () => {
    const { page } = e;
    const password = 'viewer password for e2e tests';
    const made = await api('POST', '/users', {
      username: 'e2e-viewer',
      password,
      role: 'viewer',
      nation: 'NE',
    });
    expect(made.status, JSON.stringify(made.json)).toBe(201);
    // signed out, the shell asks who is there (401) before showing the login form
    e.allowConsoleError(/401 \(Unauthorized\).*\/auth\/me/);
    await page.getByTestId('logout').click();
    await e.login('e2e-viewer', password);
    await page.getByTestId('tab-requests').click();
    await page.getByTestId('request-list').waitFor();
    expect(await page.getByTestId('request-form').count()).toBe(0);
    await page.getByTestId('tab-plans').click();
    await page.getByTestId('panel-plans').waitFor();
    expect(await page.getByTestId('plan-ops').count()).toBe(0);
    await page.getByTestId('logout').click();
    await e.login('admin', e.adminPassword);
  });

  // last: it moves the page's clock forward
  it('reminds before a chosen pass with the lead time asked', async () => {
    const { page } = e;
    await page.clock.install();
    await page.reload();
    await page.locator('[data-testid="map"][data-ready="true"]').waitFor({ timeout: 30_000 });
    await page.getByTestId('tab-passes').click();
    const bars = page.locator('[data-testid="pass-bar"][data-flags=""]');
    await bars.first().waitFor({ timeout: 60_000 });
    const aosList = await bars.evaluateAll((els) =>
      els.map((el) => el.getAttribute('data-aos') ?? ''),
    );
    const index = aosList.findIndex((a) => Date.parse(a) > Date.now() + 5 * 60_000);
    expect(index).toBeGreaterThanOrEqual(0);
    const aos = Date.parse(aosList[index]!);
    await bars.nth(index).click();
    await page.getByTestId('reminder-lead').fill('2');
    await page.getByTestId('reminder-set').click();
    await page.getByTestId('reminder-list').waitFor();
    await expect(page.getByTestId('pass-reminder-toast').count()).resolves.toBe(0);
    // to 3 minutes before AOS: not yet
    const pageNow = await page.evaluate(() => Date.now());
    await page.clock.fastForward(aos - 180_000 - pageNow);
    await page.waitForTimeout(1500);
    expect(await page.getByTestId('pass-reminder-toast').count()).toBe(0);
    // to 90 s before AOS: inside the 2-minute lead
    await page.clock.fastForward(90_000);
    await page.getByTestId('pass-reminder-toast').waitFor({ timeout: 10_000 });
    await expect
      .poll(() => page.getByTestId('pass-reminder-toast').textContent())
      .toMatch(/rises over .* in [12] min/);
  });
});
