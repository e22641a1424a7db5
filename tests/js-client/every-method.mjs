// Drives the hub with the JavaScript SignalR client from npm, as a client written from docs/protocol.md would:
// camelCase request keys under both protocols. Reads a plan (hub URL, a token per caller, steps) written by the
// .NET test, calls every step in order and writes each answer (or error text) to the output file.
// Usage: node every-method.mjs <plan.json> <json|messagepack> <results.json>
import { readFileSync, writeFileSync } from "node:fs";
import * as signalR from "@microsoft/signalr";
import { MessagePackHubProtocol } from "@microsoft/signalr-protocol-msgpack";

const [, , planFile, protocol, resultsFile] = process.argv;
const plan = JSON.parse(readFileSync(planFile, "utf8"));

const connections = {};
for (const [caller, token] of Object.entries(plan.tokens)) {
  const builder = new signalR.HubConnectionBuilder()
    .withUrl(plan.hubUrl, { accessTokenFactory: () => token })
    .configureLogging(signalR.LogLevel.Warning);
  if (protocol === "messagepack") builder.withHubProtocol(new MessagePackHubProtocol());
  const connection = builder.build();
  // The hub writes these to every connection; a client without handlers would log a warning for each.
  for (const name of ["Event", "Position", "Board", "Ping"]) connection.on(name, () => {});
  await connection.start();
  connections[caller] = connection;
}

const results = [];
for (const step of plan.steps) {
  try {
    const result = await connections[step.caller].invoke(step.method, ...step.args);
    results.push({ method: step.method, result: result ?? null });
  } catch (error) {
    results.push({ method: step.method, error: String(error?.message ?? error) });
  }
}
for (const connection of Object.values(connections)) await connection.stop();
writeFileSync(resultsFile, JSON.stringify(results));
