# The API image; Neo4j runs in its own container (see docker-compose.yml).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4000
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY schema.graphql ./
COPY seed ./seed
USER node
# 4000: the API; 9464: /metrics (METRICS_PORT), for a scraper on the same network, not to publish.
EXPOSE 4000 9464
HEALTHCHECK --interval=10s --timeout=3s --retries=5 CMD node -e "fetch('http://127.0.0.1:4000/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# Node flags: src/node-flags.ts (a full collection sooner: less RSS at the same CPU).
CMD ["node", "--heap-growing-percent=200", "dist/main.js"]
