{{/*
The resources of one Attain service (planning, compensation, workflow, analytics), shared by
the per-service template files. Arguments are a dict:
  root           the chart's root context
  service        the service name; its values block is .Values.<service>
  callsPlanning  true for analytics and compensation: gets ATTAIN_PLANNING_ADDRESS and ATTAIN_SERVICE_TOKEN
Ports are fixed: gRPC (with grpc.health.v1) on 50051, Prometheus /metrics on 9464.
*/}}

{{- define "attain.grpcPort" -}}50051{{- end }}
{{- define "attain.metricsPort" -}}9464{{- end }}
{{- define "attain.jwtMountPath" -}}/etc/attain/jwt{{- end }}
{{- define "attain.pgCaMountPath" -}}/etc/attain/postgres-ca{{- end }}

{{/* Container environment: every ATTAIN_* setting the chart controls, then extraEnv. */}}
{{- define "attain.service.env" -}}
{{- $root := .root }}
{{- $values := $root.Values }}
{{- $pg := $values.postgres -}}
- name: ATTAIN_GRPC_ADDRESS
  value: "0.0.0.0:{{ include "attain.grpcPort" . }}"
- name: ATTAIN_METRICS_ADDRESS
  value: "0.0.0.0:{{ include "attain.metricsPort" . }}"
{{- $dsn := printf "host=%s port=%d dbname=%s user=attain_%s sslmode=%s application_name=attain-%s" $pg.host (int $pg.port) $pg.database .service $pg.sslMode .service }}
{{- if $pg.sslRootCertSecret }}
{{- $dsn = printf "%s sslrootcert=%s/ca.crt" $dsn (include "attain.pgCaMountPath" .) }}
{{- end }}
- name: ATTAIN_PG_DSN
  value: {{ $dsn | quote }}
{{- if $pg.existingSecret }}
- name: ATTAIN_PG_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $pg.existingSecret }}
      key: {{ .service }}-password
{{- end }}
- name: ATTAIN_REDIS_ADDRESS
  value: {{ $values.redis.address | quote }}
{{- if $values.auth.jwtPublicKeySecret }}
- name: ATTAIN_JWT_PUBLIC_KEY_FILE
  value: {{ include "attain.jwtMountPath" . }}/public.pem
{{- else }}
- name: ATTAIN_JWT_SECRET_FILE
  value: {{ include "attain.jwtMountPath" . }}/secret
{{- end }}
- name: ATTAIN_JWT_ISSUER
  value: {{ $values.auth.issuer | quote }}
- name: ATTAIN_JWT_AUDIENCE
  value: {{ $values.auth.audience | quote }}
- name: ATTAIN_LOG_LEVEL
  value: {{ $values.logLevel | quote }}
- name: ATTAIN_SHUTDOWN_GRACE_MS
  value: {{ $values.shutdownGraceMs | quote }}
{{- if .callsPlanning }}
- name: ATTAIN_PLANNING_ADDRESS
  value: "{{ include "attain.componentName" (dict "root" $root "component" "planning") }}:{{ include "attain.grpcPort" . }}"
{{- if $values.auth.serviceTokenSecret }}
- name: ATTAIN_SERVICE_TOKEN
  valueFrom:
    secretKeyRef:
      name: {{ $values.auth.serviceTokenSecret }}
      key: token
{{- end }}
{{- end }}
{{- with (index $values .service).extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{- define "attain.service.volumeMounts" -}}
- name: jwt
  mountPath: {{ include "attain.jwtMountPath" . }}
  readOnly: true
- name: tmp
  mountPath: /tmp
{{- if .root.Values.postgres.sslRootCertSecret }}
- name: postgres-ca
  mountPath: {{ include "attain.pgCaMountPath" . }}
  readOnly: true
{{- end }}
{{- end }}

{{- define "attain.service.volumes" -}}
{{- $auth := .root.Values.auth -}}
- name: jwt
  secret:
    secretName: {{ default $auth.jwtSecretSecret $auth.jwtPublicKeySecret }}
    defaultMode: 0440
    items:
      - key: {{ ternary "public.pem" "secret" (not (empty $auth.jwtPublicKeySecret)) }}
        path: {{ ternary "public.pem" "secret" (not (empty $auth.jwtPublicKeySecret)) }}
- name: tmp
  emptyDir:
    sizeLimit: 64Mi
{{- with .root.Values.postgres.sslRootCertSecret }}
- name: postgres-ca
  secret:
    secretName: {{ . }}
    defaultMode: 0440
    items:
      - key: ca.crt
        path: ca.crt
{{- end }}
{{- end }}

{{/* Seconds Kubernetes waits after SIGTERM: the preStop sleep, the drain, and a margin. */}}
{{- define "attain.service.terminationGracePeriodSeconds" -}}
{{- $sleep := ternary (int .Values.preStopSleepSeconds) 0 (eq (include "attain.preStopSleepSupported" .) "true") }}
{{- add $sleep (div (add (int .Values.shutdownGraceMs) 999) 1000) 5 }}
{{- end }}

{{- define "attain.service.deployment" -}}
{{- $root := .root }}
{{- $values := index $root.Values .service }}
{{- $component := dict "root" $root "component" .service }}
{{- include "attain.validate" $root }}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "attain.componentName" $component }}
  labels:
    {{- include "attain.labels" $component | nindent 4 }}
spec:
  {{- if not $values.autoscaling.enabled }}
  replicas: {{ $values.replicas }}
  {{- end }}
  revisionHistoryLimit: 5
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 1
      maxUnavailable: 0
  selector:
    matchLabels:
      {{- include "attain.selectorLabels" $component | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "attain.labels" $component | nindent 8 }}
      {{- $annotations := deepCopy $root.Values.podAnnotations }}
      {{- if $root.Values.metrics.scrapeAnnotations }}
      {{- $_ := set $annotations "prometheus.io/scrape" "true" }}
      {{- $_ := set $annotations "prometheus.io/port" (include "attain.metricsPort" .) }}
      {{- $_ := set $annotations "prometheus.io/path" "/metrics" }}
      {{- end }}
      {{- with $annotations }}
      annotations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
    spec:
      {{- include "attain.podCommon" $root | nindent 6 }}
      terminationGracePeriodSeconds: {{ include "attain.service.terminationGracePeriodSeconds" $root }}
      containers:
        - name: {{ .service }}
          image: {{ include "attain.image" $root | quote }}
          imagePullPolicy: {{ $root.Values.image.pullPolicy }}
          command: ["attain-{{ .service }}"]
          env:
            {{- include "attain.service.env" . | nindent 12 }}
          ports:
            - name: grpc
              containerPort: {{ include "attain.grpcPort" . }}
              protocol: TCP
            - name: metrics
              containerPort: {{ include "attain.metricsPort" . }}
              protocol: TCP
          # grpc.health.v1 is NOT_SERVING until PostgreSQL answers and migrations are applied
          # (startup allows 5 minutes for that), and again while draining after SIGTERM.
          startupProbe:
            grpc:
              port: {{ include "attain.grpcPort" . }}
            periodSeconds: 5
            timeoutSeconds: 3
            failureThreshold: 60
          readinessProbe:
            grpc:
              port: {{ include "attain.grpcPort" . }}
            periodSeconds: 5
            timeoutSeconds: 3
            failureThreshold: 2
          livenessProbe:
            grpc:
              port: {{ include "attain.grpcPort" . }}
            periodSeconds: 10
            timeoutSeconds: 5
            failureThreshold: 3
          {{- if include "attain.preStopSleepSupported" $root }}
          lifecycle:
            preStop:
              sleep:
                seconds: {{ $root.Values.preStopSleepSeconds }}
          {{- end }}
          resources:
            {{- toYaml $values.resources | nindent 12 }}
          securityContext:
            {{- include "attain.containerSecurityContext" $root | nindent 12 }}
          volumeMounts:
            {{- include "attain.service.volumeMounts" . | nindent 12 }}
      volumes:
        {{- include "attain.service.volumes" . | nindent 8 }}
{{- end }}

{{- define "attain.service.service" -}}
{{- $component := dict "root" .root "component" .service }}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "attain.componentName" $component }}
  labels:
    {{- include "attain.labels" $component | nindent 4 }}
spec:
  type: ClusterIP
  selector:
    {{- include "attain.selectorLabels" $component | nindent 4 }}
  ports:
    - name: grpc
      port: {{ include "attain.grpcPort" . }}
      targetPort: grpc
      protocol: TCP
      appProtocol: kubernetes.io/h2c
    - name: metrics
      port: {{ include "attain.metricsPort" . }}
      targetPort: metrics
      protocol: TCP
      appProtocol: http
{{- end }}

{{/* `attain-<svc> migrate` before the release's pods change; concurrent runs are safe. */}}
{{- define "attain.service.migrateJob" -}}
{{- $root := .root }}
{{- if $root.Values.migrations.enabled }}
{{- include "attain.validate" $root }}
{{- $component := dict "root" $root "component" (printf "%s-migrate" .service) }}
apiVersion: batch/v1
kind: Job
metadata:
  name: {{ include "attain.componentName" $component }}
  labels:
    {{- include "attain.labels" $component | nindent 4 }}
  annotations:
    helm.sh/hook: pre-install,pre-upgrade
    helm.sh/hook-weight: "-5"
    helm.sh/hook-delete-policy: before-hook-creation,hook-succeeded
spec:
  backoffLimit: {{ $root.Values.migrations.backoffLimit }}
  activeDeadlineSeconds: {{ $root.Values.migrations.activeDeadlineSeconds }}
  template:
    metadata:
      labels:
        {{- include "attain.labels" $component | nindent 8 }}
      {{- with $root.Values.podAnnotations }}
      annotations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
    spec:
      {{- include "attain.podCommon" $root | nindent 6 }}
      restartPolicy: Never
      containers:
        - name: migrate
          image: {{ include "attain.image" $root | quote }}
          imagePullPolicy: {{ $root.Values.image.pullPolicy }}
          command: ["attain-{{ .service }}", "migrate"]
          env:
            {{- include "attain.service.env" . | nindent 12 }}
          resources:
            {{- toYaml $root.Values.migrations.resources | nindent 12 }}
          securityContext:
            {{- include "attain.containerSecurityContext" $root | nindent 12 }}
          volumeMounts:
            {{- include "attain.service.volumeMounts" . | nindent 12 }}
      volumes:
        {{- include "attain.service.volumes" . | nindent 8 }}
{{- end }}
{{- end }}

{{/* PodDisruptionBudget of one component. dict: root, component, maxUnavailable. */}}
{{- define "attain.pdb" -}}
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "attain.componentName" . }}
  labels:
    {{- include "attain.labels" . | nindent 4 }}
spec:
  maxUnavailable: {{ .maxUnavailable }}
  selector:
    matchLabels:
      {{- include "attain.selectorLabels" . | nindent 6 }}
{{- end }}

{{/* HorizontalPodAutoscaler of one component's Deployment when autoscaling.enabled.
     dict: root, component, autoscaling. */}}
{{- define "attain.hpa" -}}
{{- if .autoscaling.enabled }}
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ include "attain.componentName" . }}
  labels:
    {{- include "attain.labels" . | nindent 4 }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ include "attain.componentName" . }}
  minReplicas: {{ .autoscaling.minReplicas }}
  maxReplicas: {{ .autoscaling.maxReplicas }}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: {{ .autoscaling.targetCPUUtilizationPercentage }}
{{- end }}
{{- end }}
