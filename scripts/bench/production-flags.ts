/** How the server is started in production (package.json `start`, docs/deploy.md "Memory"), so that the benches measure that server. */
export const PRODUCTION_NODE_FLAGS = ['--max-old-space-size=512']
