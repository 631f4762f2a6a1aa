{{- define "chat.labels" -}}
app.kubernetes.io/part-of: chat-engine
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ .Chart.Name }}-{{ .Chart.Version }}
{{- end -}}

{{- define "chat.image" -}}
{{- $root := index . 0 -}}{{- $name := index . 1 -}}
{{- with $root.Values.image -}}
{{- if .registry }}{{ .registry }}/{{ end }}{{ .prefix }}/{{ $name }}:{{ .tag }}
{{- end -}}
{{- end -}}

{{/* Refuses two services with one Redis user or one password key: each reaches only its own keys. */}}
{{- define "chat.redisUsersDistinct" -}}
{{- $names := list }}{{- $keys := list }}
{{- range $service, $user := .Values.redis.users }}
{{- if has $user.username $names }}{{ fail (printf "redis.users: %s shares the Redis user %s with another service" $service $user.username) }}{{ end }}
{{- if has $user.passwordKey $keys }}{{ fail (printf "redis.users: %s shares the password key %s with another service" $service $user.passwordKey) }}{{ end }}
{{- $names = append $names $user.username }}{{- $keys = append $keys $user.passwordKey }}
{{- end }}
{{- end -}}

{{/* Each service's Redis key patterns: the local launcher's RedisAcl (DeploymentManifestsTest compares them). */}}
{{- define "chat.redisKeyPatterns" -}}
chat-gateway: ["~*:{messages:*}:in", "~*:{presence}:in", "~*:{media}:in", "~*:{events:*}:out", "~*:user-conns:*"]
auth-service: []
message-service: ["~*:{messages:*}:in", "~*:{messages:*}:in:*", "~*:{messages}:members", "~*:{events:*}:out"]
media-service: ["~*:{media}:in", "~*:{media}:in:*", "~*:{messages:*}:in", "~*:{events:*}:out"]
presence-service: ["~*:{presence}:in", "~*:{presence}:in:*", "~*:presence:*", "~*:{events:*}:out"]
{{- end -}}

{{/* The environment variable holding a service's Redis password in the Redis container. */}}
{{- define "chat.redisPasswordVariable" -}}
REDIS_{{ . | upper | replace "-" "_" }}_PASSWORD
{{- end -}}
