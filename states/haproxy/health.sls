# The app answers GET /health through the load balancer's frontend.
{%- from 'haproxy/map.jinja' import haproxy with context %}

haproxy-health:
  http.wait_for_successful_query:
    - name: http://{{ haproxy.bind }}:{{ haproxy.port }}/health
    - status: 200
    - match: '"status":"ok"'
    - wait_for: 30
    - request_interval: 0.5
