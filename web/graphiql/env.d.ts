// What Vite gives the page's modules (CSS imports, import.meta.env): web/graphiql is built by Vite, not run by Node.
/// <reference types="vite/client" />
