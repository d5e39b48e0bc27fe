// Minimal Bolt app for the side-by-side benchmark: verify the signature, ack, nothing else.
// Runs offline: no auth.test at start, and the Web API points at a closed port.
const { App, LogLevel } = require('@slack/bolt');

const app = new App({
  signingSecret: process.env.SLACK_SIGNING_SECRET,
  token: 'xoxb-bench',
  botId: 'B1',
  botUserId: 'UBOT',
  tokenVerificationEnabled: false,
  logLevel: LogLevel.ERROR,
  clientOptions: { slackApiUrl: 'http://127.0.0.1:9/api/' },
});

app.message(async () => {});

(async () => {
  await app.start(Number(process.env.PORT || 3100));
  console.log('ready');
})();
