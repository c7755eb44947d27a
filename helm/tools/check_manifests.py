#!/usr/bin/env python3
"""Checks manifests rendered by `helm template` from helm/attain against the chart's contract.

No cluster is needed (kubectl's validation needs an API server, so this stands in for it):
every document parses, kinds and counts are as expected, names and labels follow the
Kubernetes and STYLE.md rules, every reference (selectors, ports, volumes, secrets, the
gateway's upstreams, the test's addresses) points at something that exists, and every pod is
locked down and sized.

    check_manifests.py --expect Deployment=5,Service=5 rendered.yaml [--nginx-conf OUT]

--nginx-conf writes the gateway's nginx.conf (for `nginx -t`). Exits 1 listing every problem.
"""

import argparse
import re
import sys

import yaml

SERVICES = ("planning", "compensation", "workflow", "analytics")
GRPC_PORT, METRICS_PORT = 50051, 9464
LABEL_KEYS = tuple(f"app.kubernetes.io/{key}" for key in
                   ("name", "instance", "version", "component", "part-of", "managed-by"))
DNS_LABEL = re.compile(r"^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")
ROUTES = {f"/attain.{svc}.v1.": svc for svc in SERVICES}


class Checker:
    def __init__(self, documents):
        self.documents = documents
        self.problems = []

    def fail(self, doc, message):
        self.problems.append(f"{doc['kind']}/{doc['metadata']['name']}: {message}")

    def of_kind(self, kind):
        return [doc for doc in self.documents if doc["kind"] == kind]

    def named(self, kind, name):
        return next((doc for doc in self.of_kind(kind) if doc["metadata"]["name"] == name), None)

    def check_all(self, expected):
        counts = {}
        for doc in self.documents:
            counts[doc["kind"]] = counts.get(doc["kind"], 0) + 1
        if counts != expected:
            self.problems.append(f"kinds: expected {sorted(expected.items())}, "
                                 f"rendered {sorted(counts.items())}")
        for doc in self.documents:
            self.check_metadata(doc)
            pod = pod_spec(doc)
            if pod is not None:
                self.check_pod(doc, pod)
        for deployment in self.of_kind("Deployment"):
            self.check_deployment(deployment)
        for service in self.of_kind("Service"):
            self.check_selects_pods(service, service["spec"]["selector"])
        for pdb in self.of_kind("PodDisruptionBudget"):
            self.check_selects_pods(pdb, pdb["spec"]["selector"]["matchLabels"])
        for hpa in self.of_kind("HorizontalPodAutoscaler"):
            target = self.named("Deployment", hpa["spec"]["scaleTargetRef"]["name"])
            if target is None:
                self.fail(hpa, "scales a Deployment that is not rendered")
            elif "replicas" in target["spec"]:
                self.fail(hpa, "its Deployment sets replicas, which fights the autoscaler")
        for job in self.of_kind("Job"):
            self.check_migrate_job(job)
        for pod in self.of_kind("Pod"):
            self.check_test_pod(pod)
        self.check_gateway_config()

    def check_metadata(self, doc):
        metadata = doc["metadata"]
        if not DNS_LABEL.match(metadata["name"]):
            self.fail(doc, "name is not a DNS-1123 label")
        labels = metadata.get("labels") or {}
        missing = [key for key in LABEL_KEYS if key not in labels]
        if missing:
            self.fail(doc, f"missing labels {missing}")
        if labels.get("app.kubernetes.io/part-of") != "attain":
            self.fail(doc, "app.kubernetes.io/part-of is not attain")

    def check_pod(self, doc, pod):
        context = pod.get("securityContext") or {}
        if not context.get("runAsNonRoot") or context.get("runAsUser") != 10001:
            self.fail(doc, "pod must run as non-root user 10001")
        if (context.get("seccompProfile") or {}).get("type") != "RuntimeDefault":
            self.fail(doc, "pod seccompProfile is not RuntimeDefault")
        volumes = {volume["name"] for volume in pod.get("volumes") or []}
        for container in pod["containers"]:
            where = f"container {container['name']}"
            security = container.get("securityContext") or {}
            if security.get("readOnlyRootFilesystem") is not True:
                self.fail(doc, f"{where}: root filesystem is not read-only")
            if security.get("allowPrivilegeEscalation") is not False:
                self.fail(doc, f"{where}: allows privilege escalation")
            if (security.get("capabilities") or {}).get("drop") != ["ALL"]:
                self.fail(doc, f"{where}: does not drop ALL capabilities")
            resources = container.get("resources") or {}
            for part in ("requests", "limits"):
                if not (resources.get(part) or {}).get("memory"):
                    self.fail(doc, f"{where}: resources.{part}.memory not set")
            if not (resources.get("requests") or {}).get("cpu"):
                self.fail(doc, f"{where}: resources.requests.cpu not set")
            for mount in container.get("volumeMounts") or []:
                if mount["name"] not in volumes:
                    self.fail(doc, f"{where}: mounts undeclared volume {mount['name']}")
            for variable in container.get("env") or []:
                secret = (variable.get("valueFrom") or {}).get("secretKeyRef")
                if secret is not None and not (secret.get("name") and secret.get("key")):
                    self.fail(doc, f"{where}: {variable['name']} names no secret or key")

    def check_deployment(self, deployment):
        spec = deployment["spec"]
        template_labels = spec["template"]["metadata"]["labels"]
        for key, value in spec["selector"]["matchLabels"].items():
            if template_labels.get(key) != value:
                self.fail(deployment, f"selector {key}={value} does not match its pod labels")
        component = template_labels["app.kubernetes.io/component"]
        if component not in SERVICES:
            return
        pod = spec["template"]["spec"]
        container = pod["containers"][0]
        if container.get("command") != [f"attain-{component}"]:
            self.fail(deployment, f"command is not attain-{component}")
        for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
            if (container.get(probe) or {}).get("grpc", {}).get("port") != GRPC_PORT:
                self.fail(deployment, f"{probe} is not a gRPC probe on {GRPC_PORT}")
        env = {variable["name"]: variable for variable in container.get("env") or []}
        for name in ("ATTAIN_GRPC_ADDRESS", "ATTAIN_METRICS_ADDRESS", "ATTAIN_PG_DSN",
                     "ATTAIN_REDIS_ADDRESS", "ATTAIN_JWT_ISSUER", "ATTAIN_JWT_AUDIENCE"):
            if name not in env:
                self.fail(deployment, f"{name} not set")
        if ("ATTAIN_JWT_PUBLIC_KEY_FILE" in env) == ("ATTAIN_JWT_SECRET_FILE" in env):
            self.fail(deployment, "needs exactly one of ATTAIN_JWT_PUBLIC_KEY_FILE/_SECRET_FILE")
        if f"user=attain_{component} " not in env.get("ATTAIN_PG_DSN", {}).get("value", ""):
            self.fail(deployment, f"ATTAIN_PG_DSN does not log in as attain_{component}")
        grace_ms = int(env.get("ATTAIN_SHUTDOWN_GRACE_MS", {}).get("value", "10000"))
        if pod.get("terminationGracePeriodSeconds", 30) * 1000 <= grace_ms:
            self.fail(deployment, "terminationGracePeriodSeconds does not exceed the shutdown grace")
        if component == "analytics":
            address = env.get("ATTAIN_PLANNING_ADDRESS", {}).get("value", "")
            if self.component_at(address) != "planning":
                self.fail(deployment, f"ATTAIN_PLANNING_ADDRESS {address!r} is not planning's Service")
        annotations = spec["template"]["metadata"].get("annotations") or {}
        if annotations.get("prometheus.io/scrape") == "true" and \
                annotations.get("prometheus.io/port") != str(METRICS_PORT):
            self.fail(deployment, "prometheus.io/port is not the metrics port")

    def check_selects_pods(self, doc, selector):
        for deployment in self.of_kind("Deployment"):
            labels = deployment["spec"]["template"]["metadata"]["labels"]
            if all(labels.get(key) == value for key, value in selector.items()):
                return
        self.fail(doc, f"selector {selector} matches no Deployment's pods")

    def service_at(self, address):
        """The rendered Service whose grpc port `address` (name[.namespace...]:port) names."""
        host, _, port = address.partition(":")
        service = self.named("Service", host.split(".")[0])
        if service is not None and any(str(entry["port"]) == port and entry["name"] == "grpc"
                                       for entry in service["spec"]["ports"]):
            return service
        return None

    def component_at(self, address):
        service = self.service_at(address)
        return service and service["metadata"]["labels"]["app.kubernetes.io/component"]

    def check_migrate_job(self, job):
        annotations = job["metadata"].get("annotations") or {}
        if annotations.get("helm.sh/hook") != "pre-install,pre-upgrade":
            self.fail(job, "is not a pre-install,pre-upgrade hook")
        command = job["spec"]["template"]["spec"]["containers"][0]["command"]
        if len(command) != 2 or command[1] != "migrate" or \
                command[0].removeprefix("attain-") not in SERVICES:
            self.fail(job, f"command {command} is not attain-<service> migrate")

    def check_test_pod(self, pod):
        if (pod["metadata"].get("annotations") or {}).get("helm.sh/hook") != "test":
            self.fail(pod, "is not a helm test hook")
        checked = set()
        for container in pod["spec"]["containers"]:
            command = container["command"]
            if command[0] != "attainctl" or "--service-address" not in command:
                self.fail(pod, f"container {container['name']} does not run attainctl health")
                continue
            checked.add(self.component_at(command[command.index("--service-address") + 1]))
        if checked != set(SERVICES):
            self.fail(pod, f"checks {sorted(checked)}, not every service")

    def gateway_config(self):
        maps = [doc for doc in self.of_kind("ConfigMap") if "nginx.conf" in doc.get("data", {})]
        return maps[0]["data"]["nginx.conf"] if len(maps) == 1 else None

    def check_gateway_config(self):
        config = self.gateway_config()
        if config is None:
            self.problems.append("no single ConfigMap holds the gateway's nginx.conf")
            return
        upstreams = dict(re.findall(r"upstream (\w+) \{\s*server (\S+) ", config))
        routes = dict(re.findall(r"location (/attain\.\w+\.v1\.) \{\s*grpc_pass grpc://(\w+);",
                                 config))
        if set(routes) != set(ROUTES):
            self.problems.append(f"gateway routes {sorted(routes)}, expected {sorted(ROUTES)}")
        for route, upstream in routes.items():
            address = upstreams.get(upstream, "")
            if self.component_at(address) != ROUTES.get(route):
                self.problems.append(f"gateway route {route} goes to {address!r}, "
                                     f"not the {ROUTES.get(route)} Service")
        for required in ("keepalive_requests 100000;", "add_header grpc-status 14",
                         "add_header grpc-status 8", "add_header grpc-status 12",
                         "log_format attain_json escape=json"):
            if required not in config:
                self.problems.append(f"gateway nginx.conf lacks {required!r}")
        if re.search(r"location\s+[^{]*events", config):
            self.problems.append("gateway nginx.conf routes attain.events (internal only)")
        if re.search(r"@[A-Z_]+@", config):
            self.problems.append("gateway nginx.conf has an unfilled placeholder")


def pod_spec(doc):
    if doc["kind"] in ("Deployment", "Job"):
        return doc["spec"]["template"]["spec"]
    if doc["kind"] == "Pod":
        return doc["spec"]
    return None


def parse_expect(text):
    expected = {}
    for item in text.split(","):
        kind, _, count = item.partition("=")
        expected[kind] = int(count)
    return expected


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--expect", required=True, help="Kind=count,... of every rendered kind")
    parser.add_argument("--nginx-conf", help="write the gateway's nginx.conf here")
    parser.add_argument("manifests")
    args = parser.parse_args()
    with open(args.manifests, encoding="utf-8") as stream:
        documents = [doc for doc in yaml.safe_load_all(stream) if doc]
    for doc in documents:
        if not all(doc.get(key) for key in ("apiVersion", "kind", "metadata")) or \
                not doc["metadata"].get("name"):
            print(f"{args.manifests}: a document lacks apiVersion, kind or metadata.name")
            return 1
    checker = Checker(documents)
    checker.check_all(parse_expect(args.expect))
    if args.nginx_conf and checker.gateway_config() is not None:
        with open(args.nginx_conf, "w", encoding="utf-8") as out:
            out.write(checker.gateway_config())
    for problem in checker.problems:
        print(f"{args.manifests}: {problem}")
    return 1 if checker.problems else 0


if __name__ == "__main__":
    sys.exit(main())
