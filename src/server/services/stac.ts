/**
 * The STAC API's reads: collections, items and item search, each filtered by the caller's
 * nation (an item released to one nation does not exist for the others, in every route).
 */
import type { StacCollectionRecord } from '../../store/index.js';
import type { ServiceDeps } from '../context.js';
import type { Caller } from '../policy.js';
import { defaultCollections } from '../stac/collections.js';
import {
  type Urls,
  collectionDocument,
  collectionsDocument,
  conformance,
  itemCollection,
  itemDocument,
  landingPage,
  queryables,
} from '../stac/documents.js';
import { notFound } from '../stac/errors.js';
import {
  type SearchPage,
  type SearchRequest,
  encodeToken,
  parseSearchBody,
  parseSearchQuery,
  prefilterOf,
  searchItems,
} from '../stac/search.js';

const GEOJSON = 'application/geo+json';

export function stacService(deps: ServiceDeps) {
  const { store } = deps;
  const collection = async (id: string): Promise<StacCollectionRecord> => {
    const c = await store.stac.getCollection(id);
    if (!c) throw notFound('not-found.collection', id);
    return c;
  };
  const collectionDoc = async (u: Urls, caller: Caller, c: StacCollectionRecord) =>
    collectionDocument(u, c, await store.stac.extent(c.id, caller));
  const run = async (caller: Caller, r: SearchRequest): Promise<SearchPage> => {
    if (!r.intersects && !r.filter && r.sortby.length === 0) {
      // Nothing to evaluate in code: the database pages in the default order itself.
      const { items, total } = await store.stac.page(caller, prefilterOf(r), r.limit, r.offset);
      const next = r.offset + r.limit;
      return { items, matched: total, nextOffset: next < total ? next : null };
    }
    return searchItems(await store.stac.candidates(caller, prefilterOf(r)), r);
  };

  return {
    /** Creates the collections (or refreshes their texts); run at startup. */
    async installCollections(): Promise<void> {
      for (const c of defaultCollections(deps.clock())) await store.stac.upsertCollection(c);
    },
    async landing(u: Urls) {
      return landingPage(u, await store.stac.listCollections());
    },
    conformance,
    queryables: async (u: Urls, collectionId?: string) => {
      if (collectionId) await collection(collectionId);
      return queryables(u, collectionId);
    },
    async collections(u: Urls, caller: Caller) {
      const all = await store.stac.listCollections();
      return collectionsDocument(u, await Promise.all(all.map((c) => collectionDoc(u, caller, c))));
    },
    async collection(u: Urls, caller: Caller, id: string) {
      return collectionDoc(u, caller, await collection(id));
    },
    async item(u: Urls, caller: Caller, collectionId: string, id: string) {
      await collection(collectionId);
      const it = await store.stac.getItem(collectionId, id, caller);
      if (!it) throw notFound('not-found.item', id);
      return itemDocument(u, it);
    },
    /** Items of a collection (OGC API Features), GET parameters. */
    async items(u: Urls, caller: Caller, collectionId: string, query: Record<string, unknown>) {
      await collection(collectionId);
      const r = parseSearchQuery(query, { collection: collectionId });
      const page = await run(caller, r);
      const href = `${u.root}/collections/${encodeURIComponent(collectionId)}/items`;
      const collectionHref = `${u.root}/collections/${encodeURIComponent(collectionId)}`;
      return itemCollection(u, page.items, {
        matched: page.matched,
        self: { rel: 'self', href: withQuery(href, query), type: GEOJSON },
        next:
          page.nextOffset === null
            ? null
            : {
                rel: 'next',
                href: withQuery(href, { ...query, token: encodeToken(page.nextOffset) }),
                type: GEOJSON,
                method: 'GET',
              },
        extra: [
          { rel: 'collection', href: collectionHref, type: 'application/json' },
          { rel: 'parent', href: collectionHref, type: 'application/json' },
        ],
      });
    },
    /** Item search, GET (query parameters). */
    async searchGet(u: Urls, caller: Caller, query: Record<string, unknown>) {
      const r = parseSearchQuery(query);
      const page = await run(caller, r);
      const href = `${u.root}/search`;
      return itemCollection(u, page.items, {
        matched: page.matched,
        self: { rel: 'self', href: withQuery(href, query), type: GEOJSON },
        next:
          page.nextOffset === null
            ? null
            : {
                rel: 'next',
                href: withQuery(href, { ...query, token: encodeToken(page.nextOffset) }),
                type: GEOJSON,
                method: 'GET',
              },
      });
    },
    /** Item search, POST (JSON body); the next link repeats the body with the token. */
    async searchPost(u: Urls, caller: Caller, body: unknown) {
      const r = parseSearchBody(body);
      const page = await run(caller, r);
      const href = `${u.root}/search`;
      const base = (body ?? {}) as Record<string, unknown>;
      return itemCollection(u, page.items, {
        matched: page.matched,
        self: { rel: 'self', href, type: GEOJSON, method: 'POST', body: base },
        next:
          page.nextOffset === null
            ? null
            : {
                rel: 'next',
                href,
                type: GEOJSON,
                method: 'POST',
                body: { ...base, token: encodeToken(page.nextOffset) },
                merge: false,
              },
      });
    },
  };
}

function withQuery(href: string, query: Record<string, unknown>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined) continue;
    for (const x of [v].flat()) q.append(k, String(x));
  }
  const s = q.toString();
  return s ? `${href}?${s}` : href;
}

export type StacService = ReturnType<typeof stacService>;
