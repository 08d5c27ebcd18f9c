// react-dom 18 ships this entry point (see app/entry.server.tsx for why we use it), but
// @types/react-dom describes its renderer only as part of 'react-dom/server'.
declare module 'react-dom/server.browser' {
  export { renderToReadableStream, renderToString } from 'react-dom/server'
}
