const m = () => { const u = process.memoryUsage(); return `rss ${(u.rss/1e6).toFixed(0)} heap ${(u.heapUsed/1e6).toFixed(0)} ext ${(u.external/1e6).toFixed(0)}`; };
const t0 = Date.now();
console.log('start', m());
for (const mod of ['botbuilder', 'botbuilder-dialogs', 'restify', 'redis', 'twilio', '@microsoft/recognizers-text-date-time', 'chrono-node', 'zipcodes', 'date-holidays', 'i18n-iso-countries', 'i18next', 'libphonenumber-js', 'luxon', 'pino', 'zod', 'franc']) {
  const t = Date.now(); require(mod); console.log(mod.padEnd(40), String(Date.now() - t).padStart(5), 'ms', m());
}
const t = Date.now(); require('/work/main/dist/src/index.js'); console.log('dist/src/index.js'.padEnd(40), String(Date.now() - t).padStart(5), 'ms', m());
console.log('total', Date.now() - t0);
