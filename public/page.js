// The InfoPass Web Chat page: the official Web Chat client on the bot's own Direct Line.
// Plain browser JavaScript, no build step. The page's language follows the browser at first,
// then whatever language the bot writes in (every bot message carries its `locale`).
// The bot's messages arrive over a WebSocket stream, or by polling where the server's setting
// (WEBCHAT_TRANSPORT) or the page's address (?transport=polling) says so.
(function () {
  'use strict';

  var config = JSON.parse(document.getElementById('infopass-config').textContent);
  var element = document.getElementById('webchat');
  var directLineDomain = window.location.origin + '/v3/directline';

  /** "es-MX" → the Spanish entry; Traditional Chinese is not our (Simplified) Chinese. */
  function languageForTag(tag) {
    if (!tag) return undefined;
    var lower = String(tag).toLowerCase().replace('_', '-');
    if (/^zh-(hant|tw|hk|mo)/.test(lower)) return undefined;
    var exact = config.languages.filter(function (l) {
      return l.locale.toLowerCase() === lower;
    })[0];
    if (exact) return exact;
    var primary = lower.split('-')[0];
    return config.languages.filter(function (l) {
      return l.code === primary;
    })[0];
  }

  /** The first of the browser's languages that the bot speaks, if any. */
  function browserLanguage() {
    var tags = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language];
    for (var i = 0; i < tags.length; i++) {
      var found = languageForTag(tags[i]);
      if (found) return found;
    }
    return undefined;
  }

  function randomUserId() {
    var bytes = new Uint8Array(12);
    window.crypto.getRandomValues(bytes);
    return (
      'u_' +
      Array.prototype.map
        .call(bytes, function (b) {
          return ('0' + b.toString(16)).slice(-2);
        })
        .join('')
    );
  }

  /** "websocket" or "polling": the page's address wins over the server's default. */
  function transport() {
    var asked = new URLSearchParams(window.location.search).get('transport');
    return asked === 'polling' || asked === 'websocket' ? asked : config.transport;
  }

  /** Options of Web Chat's createDirectLine on our Direct Line. */
  function directLineOptions(token) {
    var options = { domain: directLineDomain, webSocket: transport() === 'websocket', pollingInterval: 500 };
    if (token) options.token = token;
    return options;
  }

  // The bot greets in the locale the page sends, or shows its list of languages when there is none:
  // the page's own default is no reason to greet in English.
  var browserChoice = browserLanguage();
  var language = browserChoice || languageForTag(config.defaultLanguage);
  var userID = randomUserId();
  var directLine;
  var store;

  function applyLanguageToPage() {
    document.documentElement.lang = language.code;
    document.documentElement.dir = language.direction;
  }

  function render() {
    window.WebChat.renderWebChat(
      {
        directLine: directLine,
        store: store,
        userID: userID,
        locale: language.locale,
        dir: language.direction,
        styleOptions: { hideUploadButton: true },
      },
      element,
    );
  }

  /** Follows the bot's language: the page, Web Chat's own strings, and the locale sent with each message. */
  function followBot(locale) {
    var next = languageForTag(locale);
    if (!next || next.code === language.code) return;
    language = next;
    applyLanguageToPage();
    // Not while Web Chat is dispatching this very activity.
    window.setTimeout(render, 0);
  }

  function createStore() {
    return window.WebChat.createStore({}, function () {
      return function (next) {
        return function (action) {
          if (action.type === 'DIRECT_LINE/INCOMING_ACTIVITY') {
            var activity = action.payload && action.payload.activity;
            if (activity && activity.from && activity.from.role === 'bot' && activity.locale) followBot(activity.locale);
          }
          return next(action);
        };
      };
    });
  }

  function requestToken() {
    return window
      .fetch(directLineDomain + '/tokens/generate', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(browserChoice ? { user: { id: userID }, locale: browserChoice.locale } : { user: { id: userID } }),
      })
      .then(function (response) {
        if (!response.ok) throw new Error('token request answered ' + response.status);
        return response.json();
      });
  }

  function start() {
    applyLanguageToPage();
    store = createStore();
    requestToken()
      .then(
        function (issued) {
          return window.WebChat.createDirectLine(directLineOptions(issued.token));
        },
        function (error) {
          // Without a token Direct Line starts a conversation of its own; if the server is
          // down, Web Chat then shows its own (localized) connection notice.
          console.error(error);
          return window.WebChat.createDirectLine(directLineOptions());
        },
      )
      .then(function (created) {
        directLine = created;
        render();
        document.documentElement.setAttribute('data-infopass-ready', 'true');
      });
  }

  start();
})();
