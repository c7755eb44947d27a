{{/*
Names, labels and the security settings every pod of the chart shares.
Service-specific resources are built by the named templates in _service.tpl.
*/}}

{{- define "attain.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* "<release>-attain", or the release name alone when it already contains the chart name. */}}
{{- define "attain.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* Name of one component's resources. dict: root, component. */}}
{{- define "attain.componentName" -}}
{{- printf "%s-%s" (include "attain.fullname" .root) .component | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "attain.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Selector labels. dict: root, component. */}}
{{- define "attain.selectorLabels" -}}
app.kubernetes.io/name: {{ include "attain.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* Full label set. dict: root, component. */}}
{{- define "attain.labels" -}}
{{ include "attain.selectorLabels" . }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/part-of: attain
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ include "attain.chart" .root }}
{{- end }}

{{/* Labels every pod of this release carries; NetworkPolicies admit peers by them. */}}
{{- define "attain.releasePeerLabels" -}}
app.kubernetes.io/name: {{ include "attain.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "attain.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{- define "attain.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: 10001
runAsGroup: 10001
fsGroup: 10001
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{- define "attain.containerSecurityContext" -}}
runAsNonRoot: true
runAsUser: 10001
runAsGroup: 10001
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
privileged: false
capabilities:
  drop: ["ALL"]
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{/* Scheduling and pull settings shared by every pod spec. Takes the root context. */}}
{{- define "attain.podCommon" -}}
automountServiceAccountToken: false
enableServiceLinks: false
securityContext:
  {{- include "attain.podSecurityContext" . | nindent 2 }}
{{- with .Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}

{{/* Whether this cluster supports lifecycle.preStop.sleep (Kubernetes 1.30+). */}}
{{- define "attain.preStopSleepSupported" -}}
{{- if and (gt (int .Values.preStopSleepSeconds) 0) (semverCompare ">=1.30-0" .Capabilities.KubeVersion.Version) }}true{{ end }}
{{- end }}

{{/* Cross-field checks the schema cannot express. Included by every service template. */}}
{{- define "attain.validate" -}}
{{- $auth := .Values.auth }}
{{- if and $auth.jwtPublicKeySecret $auth.jwtSecretSecret }}
{{- fail "auth: set only one of jwtPublicKeySecret (RS256) and jwtSecretSecret (HS256)" }}
{{- end }}
{{- if not (or $auth.jwtPublicKeySecret $auth.jwtSecretSecret) }}
{{- fail "auth: set jwtPublicKeySecret (RS256) or jwtSecretSecret (HS256)" }}
{{- end }}
{{- if and $auth.jwtPublicKeySecret (not $auth.serviceTokenSecret) }}
{{- fail "auth.serviceTokenSecret is required with jwtPublicKeySecret: analytics calls planning with it under RS256" }}
{{- end }}
{{- end }}
