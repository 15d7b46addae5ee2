// The names by which CloudFormation marks what it built: shared by owner.ts (who deploys an API) and the
// sandbox's stacks, which put the same tags on and read the same transform, without the sandbox taking the
// rest of owner.ts.

/** System tags CloudFormation puts on every REST API it creates (aws-binary-facts §5.2). */
export const STACK_NAME_TAG = 'aws:cloudformation:stack-name'
export const STACK_ID_TAG = 'aws:cloudformation:stack-id'
export const LOGICAL_ID_TAG = 'aws:cloudformation:logical-id'

export const SAM_TRANSFORM = 'AWS::Serverless-2016-10-31'
