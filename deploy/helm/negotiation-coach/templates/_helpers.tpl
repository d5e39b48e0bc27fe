{{- define "negotiation-coach.fullname" -}}
{{- printf "%s" .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "negotiation-coach.labels" -}}
app.kubernetes.io/name: negotiation-coach
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{- define "negotiation-coach.selectorLabels" -}}
app.kubernetes.io/name: negotiation-coach
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}
