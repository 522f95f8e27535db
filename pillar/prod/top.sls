# The prod pillar environment (pillarenv=prod): the Morse app and its load balancer.
prod:
  '*':
    - morse
