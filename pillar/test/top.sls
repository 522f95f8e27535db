# The test pillar environment (pillarenv=test): the Morse app and its load balancer.
test:
  '*':
    - morse
