node_modules/
dist/
*.tgz
!vendor/*.tgz
