import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Router, type Request, type Response } from 'express';
import type { GraphqlConfig } from '../config';
import { parseFeedQuery, type FeedQuery } from '../feeds/feed-query';
import { graphFilename, parseGraphExportQuery, timelineFilename } from '../export/export-request';
import type { NeighbourhoodRequest } from '../export/graph-elements';
import { gexf } from '../export/graph-gexf';
import { graphMl } from '../export/graph-graphml';
import { timelineCsv } from '../export/timeline-csv';
import { timelineIcs } from '../export/timeline-ics';
import { timelineJsonLd } from '../export/timeline-jsonld';
import type { Database } from '../neo4j/database';
import { GraphService } from '../services/graph.service';
import { boundedInt, LIMITS } from '../services/limits';
import { openTimelineExport, type TimelineExport } from '../services/timeline-export.service';

type TimelineWriter = (selection: TimelineExport, query: FeedQuery) => AsyncIterable<string>;

/** Each timeline format: its media type, its extension and its writer. */
const TIMELINE_FORMATS: Readonly<Record<string, { type: string; writer: TimelineWriter }>> = {
  csv: { type: 'text/csv; charset=utf-8; header=present', writer: (s, q) => timelineCsv(s, q.wording) },
  ics: { type: 'text/calendar; charset=utf-8', writer: (s, q) => timelineIcs(s, q.wording, q.title) },
  json: {
    type: 'application/ld+json; charset=utf-8',
    writer: (s, q) => timelineJsonLd(s, q.wording, q.title, q.order),
  },
};

type GraphWriter = (subgraph: Parameters<typeof graphMl>[0], request: NeighbourhoodRequest) => string[];

const GRAPH_FORMATS: Readonly<Record<string, { type: string; writer: GraphWriter }>> = {
  graphml: { type: 'application/graphml+xml; charset=utf-8', writer: graphMl },
  gexf: {
    type: 'application/gexf+xml; charset=utf-8',
    writer: (subgraph, request) => gexf(subgraph, request, new Date().toISOString().slice(0, 10)),
  },
};

export interface ExportSettings {
  /** Most events one timeline export carries (EXPORT_MAX_EVENTS). */
  readonly maxEvents: number;
}

/**
 * Downloads of a timeline selection (`/export/timeline.csv|ics|json`, with the feeds' parameters
 * and their coded 400s) and of a neighbourhood (`/export/graph.graphml|gexf?id=…&depth=…&limit=…`,
 * those of Query.neighborhood). Everything is checked and counted before the first byte, so a
 * refusal is a coded JSON error; the body is then streamed as it is read.
 */
export function exportRoutes(database: Database, graphql: GraphqlConfig, settings: ExportSettings): Router {
  const router = Router();
  router.get('/export/timeline.:format', async (req, res, next) => {
    const format = TIMELINE_FORMATS[req.params.format];
    if (!format) return next();
    const query = parseFeedQuery(req.query);
    const selection = await openTimelineExport(
      database,
      graphql.timelineHubDegree,
      query.filter,
      query.order,
      settings.maxEvents,
    );
    res.set('x-total-count', String(selection.totalCount));
    await send(req, res, format.type, timelineFilename(query, req.params.format), format.writer(selection, query));
  });
  router.get('/export/graph.:format', async (req, res, next) => {
    const format = GRAPH_FORMATS[req.params.format];
    if (!format) return next();
    const parameters = parseGraphExportQuery(req.query);
    const request = {
      id: parameters.id,
      depth: boundedInt(parameters.depth, LIMITS.neighborhoodDepth, 'depth'),
      limit: boundedInt(parameters.limit, LIMITS.neighborhoodLimit, 'limit'),
    };
    const graph = new GraphService(database.forRequest(), {
      hubDegree: graphql.hubDegree,
      connectionsTimeoutMs: graphql.connectionsTimeoutMs,
    });
    const subgraph = await graph.neighborhood(request.id, request.depth, request.limit);
    res.set('x-node-count', String(subgraph.nodes.length));
    await send(req, res, format.type, graphFilename(request, req.params.format), format.writer(subgraph, request));
  });
  return router;
}

/**
 * Streams a download. A failure after the first byte cannot become an error body: it is logged
 * and the connection is cut, so the client sees an incomplete download rather than a valid file.
 */
async function send(
  req: Request,
  res: Response,
  type: string,
  filename: string,
  body: AsyncIterable<string> | Iterable<string>,
): Promise<void> {
  res.attachment(filename);
  res.type(type);
  res.set('cache-control', 'no-store');
  try {
    await pipeline(Readable.from(body), res);
  } catch (error) {
    // A reader that goes away mid-download is not a failure of the service.
    if (req.destroyed && (error as { code?: unknown }).code === 'ERR_STREAM_PREMATURE_CLOSE')
      req.log.info('export abandoned by the client');
    else req.log.error({ err: error }, 'export failed while streaming');
    res.destroy();
  }
}
