// Small templates shaped as each tool writes them. Shapes follow the tools' own generators: Serverless
// Framework lib/plugins/aws/package/compile/events/api-gateway/lib/{cors,deployment,resources}.js and
// method/integration.js (compiled template as `sls package` writes it), SAM's "AWS::Serverless::Api" and
// "Api" event spec (BinaryMediaTypes in `~1` form), a CDK synth (CDKMetadata, aws:cdk:path,
// BootstrapVersion, addCorsPreflight's MOCK OPTIONS) and hand-written CloudFormation.

/** `sls package` output for a thumbnail service: lambda-proxy GET, lambda (AWS) PUT, CORS on both paths. */
export const SERVERLESS_THUMBNAILS = String.raw`{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Description": "The AWS CloudFormation template for this Serverless application",
  "Resources": {
    "ServerlessDeploymentBucket": {
      "Type": "AWS::S3::Bucket",
      "Properties": {
        "BucketEncryption": {"ServerSideEncryptionConfiguration": [{"ServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]}
      }
    },
    "ThumbnailLogGroup": {
      "Type": "AWS::Logs::LogGroup",
      "Properties": {"LogGroupName": "/aws/lambda/thumbnails-dev-thumbnail"}
    },
    "IamRoleLambdaExecution": {
      "Type": "AWS::IAM::Role",
      "Properties": {
        "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": ["lambda.amazonaws.com"]}, "Action": ["sts:AssumeRole"]}]},
        "Path": "/",
        "RoleName": {"Fn::Join": ["-", ["thumbnails", "dev", {"Ref": "AWS::Region"}, "lambdaRole"]]}
      }
    },
    "ThumbnailLambdaFunction": {
      "Type": "AWS::Lambda::Function",
      "Properties": {
        "Code": {"S3Bucket": {"Ref": "ServerlessDeploymentBucket"}, "S3Key": "serverless/thumbnails/dev/1718000000000-2024-06-10T06:13:20.000Z/thumbnails.zip"},
        "Handler": "handler.thumbnail",
        "Runtime": "nodejs20.x",
        "FunctionName": "thumbnails-dev-thumbnail",
        "MemorySize": 1024,
        "Timeout": 6,
        "Role": {"Fn::GetAtt": ["IamRoleLambdaExecution", "Arn"]}
      },
      "DependsOn": ["ThumbnailLogGroup"]
    },
    "UploadLambdaFunction": {
      "Type": "AWS::Lambda::Function",
      "Properties": {
        "Code": {"S3Bucket": {"Ref": "ServerlessDeploymentBucket"}, "S3Key": "serverless/thumbnails/dev/1718000000000-2024-06-10T06:13:20.000Z/thumbnails.zip"},
        "Handler": "handler.upload",
        "Runtime": "nodejs20.x",
        "FunctionName": "thumbnails-dev-upload",
        "MemorySize": 1024,
        "Timeout": 6,
        "Role": {"Fn::GetAtt": ["IamRoleLambdaExecution", "Arn"]}
      }
    },
    "ApiGatewayRestApi": {
      "Type": "AWS::ApiGateway::RestApi",
      "Properties": {
        "Name": "dev-thumbnails",
        "BinaryMediaTypes": ["image/png", "image/jpeg"],
        "EndpointConfiguration": {"Types": ["EDGE"]},
        "Policy": ""
      }
    },
    "ApiGatewayResourceThumbnails": {
      "Type": "AWS::ApiGateway::Resource",
      "Properties": {
        "ParentId": {"Fn::GetAtt": ["ApiGatewayRestApi", "RootResourceId"]},
        "PathPart": "thumbnails",
        "RestApiId": {"Ref": "ApiGatewayRestApi"}
      }
    },
    "ApiGatewayResourceThumbnailsKeyVar": {
      "Type": "AWS::ApiGateway::Resource",
      "Properties": {
        "ParentId": {"Ref": "ApiGatewayResourceThumbnails"},
        "PathPart": "{key}",
        "RestApiId": {"Ref": "ApiGatewayRestApi"}
      }
    },
    "ApiGatewayResourceUploads": {
      "Type": "AWS::ApiGateway::Resource",
      "Properties": {
        "ParentId": {"Fn::GetAtt": ["ApiGatewayRestApi", "RootResourceId"]},
        "PathPart": "uploads",
        "RestApiId": {"Ref": "ApiGatewayRestApi"}
      }
    },
    "ApiGatewayMethodThumbnailsKeyVarOptions": {
      "Type": "AWS::ApiGateway::Method",
      "Properties": {
        "AuthorizationType": "NONE",
        "HttpMethod": "OPTIONS",
        "MethodResponses": [{
          "StatusCode": "200",
          "ResponseParameters": {
            "method.response.header.Access-Control-Allow-Origin": true,
            "method.response.header.Access-Control-Allow-Headers": true,
            "method.response.header.Access-Control-Allow-Methods": true
          },
          "ResponseModels": {}
        }],
        "RequestParameters": {},
        "Integration": {
          "Type": "MOCK",
          "RequestTemplates": {"application/json": "{statusCode:200}"},
          "ContentHandling": "CONVERT_TO_TEXT",
          "IntegrationResponses": [{
            "StatusCode": "200",
            "ResponseParameters": {
              "method.response.header.Access-Control-Allow-Origin": "'*'",
              "method.response.header.Access-Control-Allow-Headers": "'Content-Type,X-Amz-Date,Authorization,X-Api-Key,X-Amz-Security-Token,X-Amz-User-Agent'",
              "method.response.header.Access-Control-Allow-Methods": "'OPTIONS,GET'"
            },
            "ResponseTemplates": {"application/json": ""}
          }]
        },
        "ResourceId": {"Ref": "ApiGatewayResourceThumbnailsKeyVar"},
        "RestApiId": {"Ref": "ApiGatewayRestApi"}
      }
    },
    "ApiGatewayMethodUploadsOptions": {
      "Type": "AWS::ApiGateway::Method",
      "Properties": {
        "AuthorizationType": "NONE",
        "HttpMethod": "OPTIONS",
        "MethodResponses": [{
          "StatusCode": "200",
          "ResponseParameters": {
            "method.response.header.Access-Control-Allow-Origin": true,
            "method.response.header.Access-Control-Allow-Headers": true,
            "method.response.header.Access-Control-Allow-Methods": true
          },
          "ResponseModels": {}
        }],
        "RequestParameters": {},
        "Integration": {
          "Type": "MOCK",
          "RequestTemplates": {"application/json": "{statusCode:200}"},
          "ContentHandling": "CONVERT_TO_TEXT",
          "IntegrationResponses": [{
            "StatusCode": "200",
            "ResponseParameters": {
              "method.response.header.Access-Control-Allow-Origin": "'*'",
              "method.response.header.Access-Control-Allow-Headers": "'Content-Type,X-Amz-Date,Authorization,X-Api-Key,X-Amz-Security-Token,X-Amz-User-Agent'",
              "method.response.header.Access-Control-Allow-Methods": "'OPTIONS,PUT'"
            },
            "ResponseTemplates": {"application/json": ""}
          }]
        },
        "ResourceId": {"Ref": "ApiGatewayResourceUploads"},
        "RestApiId": {"Ref": "ApiGatewayRestApi"}
      }
    },
    "ApiGatewayMethodThumbnailsKeyVarGet": {
      "Type": "AWS::ApiGateway::Method",
      "Properties": {
        "HttpMethod": "GET",
        "RequestParameters": {},
        "ResourceId": {"Ref": "ApiGatewayResourceThumbnailsKeyVar"},
        "RestApiId": {"Ref": "ApiGatewayRestApi"},
        "ApiKeyRequired": false,
        "AuthorizationType": "NONE",
        "Integration": {
          "IntegrationHttpMethod": "POST",
          "Type": "AWS_PROXY",
          "Uri": {"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":apigateway:", {"Ref": "AWS::Region"}, ":lambda:path/2015-03-31/functions/", {"Fn::GetAtt": ["ThumbnailLambdaFunction", "Arn"]}, "/invocations"]]}
        },
        "MethodResponses": []
      },
      "DependsOn": ["ThumbnailLambdaPermissionApiGateway"]
    },
    "ApiGatewayMethodUploadsPut": {
      "Type": "AWS::ApiGateway::Method",
      "Properties": {
        "HttpMethod": "PUT",
        "RequestParameters": {},
        "ResourceId": {"Ref": "ApiGatewayResourceUploads"},
        "RestApiId": {"Ref": "ApiGatewayRestApi"},
        "ApiKeyRequired": false,
        "AuthorizationType": "NONE",
        "Integration": {
          "IntegrationHttpMethod": "POST",
          "Type": "AWS",
          "Uri": {"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":apigateway:", {"Ref": "AWS::Region"}, ":lambda:path/2015-03-31/functions/", {"Fn::GetAtt": ["UploadLambdaFunction", "Arn"]}, "/invocations"]]},
          "PassthroughBehavior": "NEVER",
          "ContentHandling": "CONVERT_TO_TEXT",
          "RequestTemplates": {"image/png": "{\"body\": \"$input.body\"}"},
          "IntegrationResponses": [
            {"StatusCode": "200", "SelectionPattern": "", "ResponseParameters": {"method.response.header.Access-Control-Allow-Origin": "'*'"}, "ResponseTemplates": {}},
            {"StatusCode": "400", "SelectionPattern": ".*\\[400\\].*", "ResponseParameters": {"method.response.header.Access-Control-Allow-Origin": "'*'"}, "ResponseTemplates": {}},
            {"StatusCode": "500", "SelectionPattern": ".*(Process\\s?exited\\s?before\\s?completing\\s?request|\\[500\\]).*", "ResponseParameters": {"method.response.header.Access-Control-Allow-Origin": "'*'"}, "ResponseTemplates": {}}
          ]
        },
        "MethodResponses": [
          {"ResponseParameters": {"method.response.header.Access-Control-Allow-Origin": "'*'"}, "ResponseModels": {}, "StatusCode": "200"},
          {"ResponseParameters": {"method.response.header.Access-Control-Allow-Origin": "'*'"}, "ResponseModels": {}, "StatusCode": "400"},
          {"ResponseParameters": {"method.response.header.Access-Control-Allow-Origin": "'*'"}, "ResponseModels": {}, "StatusCode": "500"}
        ]
      },
      "DependsOn": ["UploadLambdaPermissionApiGateway"]
    },
    "ApiGatewayDeployment1718000000000": {
      "Type": "AWS::ApiGateway::Deployment",
      "Properties": {"RestApiId": {"Ref": "ApiGatewayRestApi"}, "StageName": "dev"},
      "DependsOn": ["ApiGatewayMethodThumbnailsKeyVarOptions", "ApiGatewayMethodUploadsOptions", "ApiGatewayMethodThumbnailsKeyVarGet", "ApiGatewayMethodUploadsPut"]
    },
    "ThumbnailLambdaPermissionApiGateway": {
      "Type": "AWS::Lambda::Permission",
      "Properties": {
        "FunctionName": {"Fn::GetAtt": ["ThumbnailLambdaFunction", "Arn"]},
        "Action": "lambda:InvokeFunction",
        "Principal": "apigateway.amazonaws.com",
        "SourceArn": {"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":execute-api:", {"Ref": "AWS::Region"}, ":", {"Ref": "AWS::AccountId"}, ":", {"Ref": "ApiGatewayRestApi"}, "/*/*"]]}
      }
    },
    "UploadLambdaPermissionApiGateway": {
      "Type": "AWS::Lambda::Permission",
      "Properties": {
        "FunctionName": {"Fn::GetAtt": ["UploadLambdaFunction", "Arn"]},
        "Action": "lambda:InvokeFunction",
        "Principal": "apigateway.amazonaws.com",
        "SourceArn": {"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":execute-api:", {"Ref": "AWS::Region"}, ":", {"Ref": "AWS::AccountId"}, ":", {"Ref": "ApiGatewayRestApi"}, "/*/*"]]}
      }
    }
  },
  "Outputs": {
    "ServerlessDeploymentBucketName": {
      "Value": {"Ref": "ServerlessDeploymentBucket"},
      "Export": {"Name": "sls-thumbnails-dev-ServerlessDeploymentBucketName"}
    },
    "ThumbnailLambdaFunctionQualifiedArn": {
      "Description": "Current Lambda function version",
      "Value": {"Ref": "ThumbnailLambdaVersionAbc123"},
      "Export": {"Name": "sls-thumbnails-dev-ThumbnailLambdaFunctionQualifiedArn"}
    },
    "ServiceEndpoint": {
      "Description": "URL of the service endpoint",
      "Value": {"Fn::Join": ["", ["https://", {"Ref": "ApiGatewayRestApi"}, ".execute-api.", {"Ref": "AWS::Region"}, ".", {"Ref": "AWS::URLSuffix"}, "/dev"]]},
      "Export": {"Name": "sls-thumbnails-dev-ServiceEndpoint"}
    }
  }
}
`

/**
 * SAM with an explicit API: BinaryMediaTypes in `~1` form on the API and in Globals, an OpenAPI
 * DefinitionBody with x-amazon-apigateway-binary-media-types, CORS, and a function event SAM adds to the
 * body (GET /health).
 */
export const SAM_EXPLICIT = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Description: Thumbnail service

Globals:
  Function:
    Runtime: nodejs20.x
    Timeout: 10
  Api:
    BinaryMediaTypes:
      - image~1webp

Parameters:
  Stage:
    Type: String
    Default: prod

Resources:
  ThumbnailsApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: !Ref Stage
      Cors: "'*'"
      BinaryMediaTypes:
        - image~1png
        - image~1jpeg
      DefinitionBody:
        openapi: '3.0.1'
        info:
          title: thumbnails
          version: '1.0'
        x-amazon-apigateway-binary-media-types:
          - image/png
          - image/jpeg
        paths:
          /thumbnails/{key}:
            get:
              x-amazon-apigateway-integration:
                type: aws
                httpMethod: POST
                uri: !Sub arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${ThumbnailFunction.Arn}/invocations
                passthroughBehavior: when_no_templates
                requestTemplates:
                  application/json: '{"key": "$input.params(''key'')"}'
                responses:
                  default:
                    statusCode: '200'
                    contentHandling: CONVERT_TO_BINARY
                  '.*error.*':
                    statusCode: '500'
          /uploads:
            put:
              x-amazon-apigateway-integration:
                type: aws_proxy
                httpMethod: POST
                uri: !Sub arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${UploadFunction.Arn}/invocations

  ThumbnailFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: thumbnail.handler

  UploadFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: upload.handler
      Events:
        Health:
          Type: Api
          Properties:
            RestApiId: !Ref ThumbnailsApi
            Path: /health
            Method: get

  # The body integrates these two itself; SAM refuses an Api event for a method the body already
  # integrates, so their invoke permissions are written by hand.
  ThumbnailPermission:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      FunctionName: !Ref ThumbnailFunction
      Principal: apigateway.amazonaws.com
      SourceArn: !Sub arn:aws:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${ThumbnailsApi}/*/GET/thumbnails/*

  UploadPermission:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      FunctionName: !Ref UploadFunction
      Principal: apigateway.amazonaws.com
      SourceArn: !Sub arn:aws:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${ThumbnailsApi}/*/PUT/uploads

Outputs:
  ApiUrl:
    Value: !Sub https://\${ThumbnailsApi}.execute-api.\${AWS::Region}.amazonaws.com/\${Stage}/
`

/** SAM's implicit API (ServerlessRestApi): Api events without RestApiId, Globals.Api with `*~1*` and CORS. */
export const SAM_IMPLICIT = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31

Globals:
  Api:
    BinaryMediaTypes:
      - '*~1*'
    Cors:
      AllowOrigin: "'*'"
      AllowMethods: "'GET,OPTIONS'"

Resources:
  ThumbnailFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: thumbnail/
      Handler: app.handler
      Runtime: python3.12
      Events:
        GetThumbnail:
          Type: Api
          Properties:
            Path: thumbnails/{key}/
            Method: GET
        Everything:
          Type: Api
          Properties:
            Path: /{proxy+}
            Method: any
        Stats:
          Type: HttpApi
          Properties:
            Path: /stats
            Method: get

Outputs:
  ThumbnailApi:
    Value: !Sub https://\${ServerlessRestApi}.execute-api.\${AWS::Region}.amazonaws.com/Prod/
`

/** `cdk synth` of a RestApi with an S3 GET integration and addCorsPreflight on the same resource. */
export const CDK_THUMBNAILS = String.raw`{
 "Resources": {
  "ThumbnailsApi9C8B7A6D": {
   "Type": "AWS::ApiGateway::RestApi",
   "Properties": {
    "BinaryMediaTypes": ["image/png"],
    "Name": "ThumbnailsApi"
   },
   "Metadata": {"aws:cdk:path": "ThumbnailStack/ThumbnailsApi/Resource"}
  },
  "ThumbnailsApithumbnails5D4C3B2A": {
   "Type": "AWS::ApiGateway::Resource",
   "Properties": {
    "ParentId": {"Fn::GetAtt": ["ThumbnailsApi9C8B7A6D", "RootResourceId"]},
    "PathPart": "thumbnails",
    "RestApiId": {"Ref": "ThumbnailsApi9C8B7A6D"}
   },
   "Metadata": {"aws:cdk:path": "ThumbnailStack/ThumbnailsApi/Default/thumbnails/Resource"}
  },
  "ThumbnailsApithumbnailskey1F2E3D4C": {
   "Type": "AWS::ApiGateway::Resource",
   "Properties": {
    "ParentId": {"Ref": "ThumbnailsApithumbnails5D4C3B2A"},
    "PathPart": "{key}",
    "RestApiId": {"Ref": "ThumbnailsApi9C8B7A6D"}
   },
   "Metadata": {"aws:cdk:path": "ThumbnailStack/ThumbnailsApi/Default/thumbnails/{key}/Resource"}
  },
  "ThumbnailsApithumbnailskeyOPTIONS0A9B8C7D": {
   "Type": "AWS::ApiGateway::Method",
   "Properties": {
    "ApiKeyRequired": false,
    "AuthorizationType": "NONE",
    "HttpMethod": "OPTIONS",
    "Integration": {
     "IntegrationResponses": [{
      "ResponseParameters": {
       "method.response.header.Access-Control-Allow-Headers": "'Content-Type,X-Amz-Date,Authorization,X-Api-Key'",
       "method.response.header.Access-Control-Allow-Origin": "'*'",
       "method.response.header.Access-Control-Allow-Methods": "'OPTIONS,GET,PUT,POST,DELETE,PATCH,HEAD'"
      },
      "StatusCode": "204"
     }],
     "RequestTemplates": {"application/json": "{ statusCode: 200 }"},
     "Type": "MOCK"
    },
    "MethodResponses": [{
     "ResponseParameters": {
      "method.response.header.Access-Control-Allow-Headers": true,
      "method.response.header.Access-Control-Allow-Origin": true,
      "method.response.header.Access-Control-Allow-Methods": true
     },
     "StatusCode": "204"
    }],
    "ResourceId": {"Ref": "ThumbnailsApithumbnailskey1F2E3D4C"},
    "RestApiId": {"Ref": "ThumbnailsApi9C8B7A6D"}
   },
   "Metadata": {"aws:cdk:path": "ThumbnailStack/ThumbnailsApi/Default/thumbnails/{key}/OPTIONS/Resource"}
  },
  "ThumbnailsApithumbnailskeyGET6E5D4C3B": {
   "Type": "AWS::ApiGateway::Method",
   "Properties": {
    "AuthorizationType": "NONE",
    "HttpMethod": "GET",
    "Integration": {
     "Credentials": {"Fn::GetAtt": ["ThumbnailsReadRole3A2B1C0D", "Arn"]},
     "IntegrationHttpMethod": "GET",
     "IntegrationResponses": [
      {"ContentHandling": "CONVERT_TO_BINARY", "StatusCode": "200"},
      {"SelectionPattern": "4\\d{2}", "StatusCode": "404"}
     ],
     "RequestParameters": {"integration.request.path.key": "method.request.path.key"},
     "Type": "AWS",
     "Uri": {"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":apigateway:", {"Ref": "AWS::Region"}, ":s3:path/", {"Ref": "ThumbnailsBucket1E2D3C4B"}, "/{key}"]]}
    },
    "MethodResponses": [{"StatusCode": "200"}, {"StatusCode": "404"}],
    "RequestParameters": {"method.request.path.key": true},
    "ResourceId": {"Ref": "ThumbnailsApithumbnailskey1F2E3D4C"},
    "RestApiId": {"Ref": "ThumbnailsApi9C8B7A6D"}
   },
   "Metadata": {"aws:cdk:path": "ThumbnailStack/ThumbnailsApi/Default/thumbnails/{key}/GET/Resource"}
  },
  "ThumbnailsApiDeployment4B3A2C1Df8e8a1b2c3d4e5f60718293a4b5c6d7e": {
   "Type": "AWS::ApiGateway::Deployment",
   "Properties": {"Description": "Automatically created by the RestApi construct", "RestApiId": {"Ref": "ThumbnailsApi9C8B7A6D"}},
   "DependsOn": ["ThumbnailsApithumbnailskeyGET6E5D4C3B", "ThumbnailsApithumbnailskeyOPTIONS0A9B8C7D"],
   "Metadata": {"aws:cdk:path": "ThumbnailStack/ThumbnailsApi/Deployment/Resource"}
  },
  "CDKMetadata": {
   "Type": "AWS::CDK::Metadata",
   "Properties": {"Analytics": "v2:deflate64:H4sIAAAAAAAA/zPSMzS20DNQTCwv1k1OydbNyUzSqw4uSUzO1nFOy/MvLSkoLQGxwlKLijPzFGwVDAz0DFQLEvPy04tSVRTySnMTUzRcM/MyS3NTSnLzElNScnM0DcyNDIyNNPVMlJwrMrMTMrLL0nNgYBzPQAKBfKdjAAAAA=="},
   "Metadata": {"aws:cdk:path": "ThumbnailStack/CDKMetadata/Default"},
   "Condition": "CDKMetadataAvailable"
  }
 },
 "Outputs": {
  "ThumbnailsApiEndpoint0F1E2D3C": {
   "Value": {"Fn::Join": ["", ["https://", {"Ref": "ThumbnailsApi9C8B7A6D"}, ".execute-api.", {"Ref": "AWS::Region"}, ".", {"Ref": "AWS::URLSuffix"}, "/", {"Ref": "ThumbnailsApiDeploymentStageprod8A7B6C5D"}, "/"]]}
  }
 },
 "Conditions": {
  "CDKMetadataAvailable": {"Fn::Or": [{"Fn::Equals": [{"Ref": "AWS::Region"}, "eu-west-1"]}, {"Fn::Equals": [{"Ref": "AWS::Region"}, "us-east-1"]}]}
 },
 "Parameters": {
  "BootstrapVersion": {
   "Type": "AWS::SSM::Parameter::Value<String>",
   "Default": "/cdk-bootstrap/hnb659fds/version",
   "Description": "Version of the CDK Bootstrap resources in this environment, automatically retrieved from SSM Parameter Store. [cdk:skip]"
  }
 },
 "Rules": {
  "CheckBootstrapVersion": {
   "Assertions": [{
    "Assert": {"Fn::Not": [{"Fn::Contains": [["1", "2", "3", "4", "5"], {"Ref": "BootstrapVersion"}]}]},
    "AssertDescription": "CDK bootstrap stack version 6 required. Please run 'cdk bootstrap' with a recent version of the CDK CLI."
   }]
  }
 }
}
`

/**
 * Hand-written CloudFormation in YAML short form: two REST APIs; ImagesApi declares ContentHandling on
 * one method, takes one from a parameter on another, and lists binary types in `~1` form, one built with
 * !Join.
 */
export const CFN_IMAGES = `AWSTemplateFormatVersion: 2010-09-09
Description: Image store behind API Gateway (S3 integrations)

Parameters:
  ResponseHandling:
    Type: String
    AllowedValues: [CONVERT_TO_BINARY, CONVERT_TO_TEXT]
    Default: CONVERT_TO_BINARY

Conditions:
  IsProd: !Equals [!Ref 'AWS::StackName', images-prod]

Resources:
  Bucket:
    Type: AWS::S3::Bucket

  ImagesApi:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: !Sub '\${AWS::StackName}-images'
      BinaryMediaTypes:
        - image~1png
        - !Join ['~1', [image, gif]]

  ImagesResource:
    Type: AWS::ApiGateway::Resource
    Properties:
      RestApiId: !Ref ImagesApi
      ParentId: !GetAtt ImagesApi.RootResourceId
      PathPart: images

  ImageResource:
    Type: AWS::ApiGateway::Resource
    Properties:
      RestApiId: !Ref ImagesApi
      ParentId: !Ref ImagesResource
      PathPart: '{name}'

  PutImage:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref ImagesApi
      ResourceId: !Ref ImageResource
      HttpMethod: PUT
      AuthorizationType: AWS_IAM
      Integration:
        Type: AWS
        IntegrationHttpMethod: PUT
        Uri: !Sub 'arn:aws:apigateway:\${AWS::Region}:s3:path/\${Bucket}/{name}'
        Credentials: !GetAtt ApiRole.Arn
        ContentHandling: CONVERT_TO_BINARY
        PassthroughBehavior: WHEN_NO_TEMPLATES
        RequestParameters:
          integration.request.path.name: method.request.path.name
        IntegrationResponses:
          - StatusCode: 200

  GetImage:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref ImagesApi
      ResourceId: !Ref ImageResource
      HttpMethod: get
      AuthorizationType: NONE
      Integration:
        Type: AWS
        IntegrationHttpMethod: GET
        Uri: !Sub 'arn:aws:apigateway:\${AWS::Region}:s3:path/\${Bucket}/{name}'
        Credentials: !GetAtt ApiRole.Arn
        IntegrationResponses:
          - StatusCode: 200
            ContentHandling: !Ref ResponseHandling
          - StatusCode: 404
            SelectionPattern: '4\\d{2}'

  ImageOptions:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref ImagesApi
      ResourceId: !Ref ImageResource
      HttpMethod: OPTIONS
      AuthorizationType: NONE
      Integration:
        Type: MOCK
        RequestTemplates:
          application/json: '{"statusCode": 200}'
        IntegrationResponses:
          - StatusCode: 200
            ResponseParameters:
              method.response.header.Access-Control-Allow-Origin: "'*'"

  ApiRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: {Service: apigateway.amazonaws.com}
            Action: sts:AssumeRole

  Deployment:
    Type: AWS::ApiGateway::Deployment
    DependsOn: [PutImage, GetImage, ImageOptions]
    Properties:
      RestApiId: !Ref ImagesApi

  AdminApi:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: !Sub '\${AWS::StackName}-admin'

  AdminRoot:
    Type: AWS::ApiGateway::Method
    Condition: IsProd
    Properties:
      RestApiId: !Ref AdminApi
      ResourceId: !GetAtt AdminApi.RootResourceId
      HttpMethod: ANY
      AuthorizationType: NONE
      Integration:
        Type: MOCK

Outputs:
  ApiId:
    Value: !Ref ImagesApi
    Export:
      Name: !Sub '\${AWS::StackName}-ApiId'
`

/** A RestApi imported from an inline OpenAPI Body (what CDK's SpecRestApi and hand-written stacks do). */
export function bodyApiTemplate(extra: string): string {
  return `Resources:
  ReportsApi:
    Type: AWS::ApiGateway::RestApi
    Properties:
${extra}      Body:
        swagger: '2.0'
        info: {title: reports, version: '1'}
        x-amazon-apigateway-binary-media-types: [application/pdf]
        paths:
          /reports/{id}:
            get:
              produces: [application/pdf]
              x-amazon-apigateway-integration:
                type: http
                httpMethod: GET
                uri: https://reports.example.com/{id}
                contentHandling: CONVERT_TO_TEXT
                responses:
                  default:
                    statusCode: 200
                    contentHandling: convert_to_binary
                  '4\\d{2}':
                    statusCode: 404
            x-amazon-apigateway-any-method:
              x-amazon-apigateway-integration:
                type: mock
`
}
