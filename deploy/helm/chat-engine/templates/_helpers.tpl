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
