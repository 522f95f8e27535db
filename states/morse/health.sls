# The Morse app answers GET /health with 200 and pillar morse:health_match in the body
# (orch/release sets it to the revision being released), within morse:health_wait seconds.
{%- from 'morse/map.jinja' import morse with context %}

morse-health:
  http.wait_for_successful_query:
    - name: http://{{ morse.bind }}:{{ morse.port }}/health
    - status: 200
    - match: '{{ morse.health_match }}'
    - wait_for: {{ morse.health_wait }}
    - request_interval: 0.5
