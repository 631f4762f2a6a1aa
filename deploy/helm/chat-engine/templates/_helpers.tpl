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
