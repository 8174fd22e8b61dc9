# syntax=docker/dockerfile:1
# Node 26 (Active LTS) on Debian 13, in both stages: native modules built in one must load in the other.
# Build stage: compile TypeScript, then keep only production dependencies (no tsx, no pino-pretty).
FROM node:26-trixie-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY drizzle ./drizzle
RUN npm run build && npm prune --omit=dev

# Runtime stage: compiled code, production modules and migrations, run as the unprivileged node user.
FROM node:26-trixie-slim
ENV NODE_ENV=production \
    DATA_DIR=/data
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --from=build --chown=node:node /app/drizzle ./drizzle
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node
CMD ["node", "dist/main.js"]
