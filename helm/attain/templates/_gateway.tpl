{{/* Paths inside the gateway container. */}}

{{/* nginx -p prefix: pid, temp files, logs/ (links to stdout/stderr). An emptyDir. */}}
{{- define "attain.gateway.prefix" -}}/var/lib/attain-gateway{{- end }}
{{- define "attain.gateway.configDir" -}}/etc/attain-gateway{{- end }}
{{- define "attain.gateway.tlsPath" -}}/etc/attain-gateway/tls{{- end }}

{{/* The nginx command line with the rendered config; "-s quit" etc. may be appended. */}}
{{- define "attain.gateway.nginx" -}}
nginx -p {{ include "attain.gateway.prefix" . }} -e {{ include "attain.gateway.prefix" . }}/logs/error.log -c {{ include "attain.gateway.configDir" . }}/nginx.conf
{{- end }}
