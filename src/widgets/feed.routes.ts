import { Router } from 'express';
import type { Database } from '../neo4j/database';
import { FeedService } from '../services/feed.service';
import { parseFeedQuery } from '../feeds/feed-query';
import { toTimelineJs } from '../feeds/timelinejs';
import { toVisTimeline } from '../feeds/vis-timeline';

/**
 * Plain GET JSON feeds for timeline widgets, with the selection of Query.timeline:
 * `?entity=a,b&from=2024-06&to=2024-07&type=signing&place=pyongyang&order=DESC`.
 */
export function feedRoutes(database: Database, timelineHubDegree: number): Router {
  const router = Router();
  router.get('/feeds/timelinejs.json', async (req, res) => {
    const query = parseFeedQuery(req.query);
    const selection = await new FeedService(database.forRequest(), timelineHubDegree).select(query.filter, query.order);
    res.json(toTimelineJs(selection, query.title, query.wording));
  });
  router.get('/feeds/vis-timeline.json', async (req, res) => {
    const query = parseFeedQuery(req.query);
    const selection = await new FeedService(database.forRequest(), timelineHubDegree).select(query.filter, query.order);
    res.json(toVisTimeline(selection, query.groupBy, query.wording));
  });
  return router;
}
