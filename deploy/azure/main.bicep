// Negotiation Coach on Azure: Container Apps (the bot, 2..N replicas), PostgreSQL Flexible Server, Key Vault for
// every secret (read by the app's managed identity), an Azure Bot registration with the Microsoft Teams channel,
// and optionally Azure OpenAI. Deploy (walk-through in deploy/README.md):
//   az deployment group create -g <group> -f deploy/azure/main.bicep -p deploy/azure/main.parameters.json \
//     -p teamsAppPassword=<secret> postgresAdminPassword=<secret>
targetScope = 'resourceGroup'

@description('Azure region for everything but the bot registration (which is global).')
param location string = resourceGroup().location

@description('Prefix of every resource name (lowercase letters and digits, 3-12).')
@minLength(3)
@maxLength(12)
param namePrefix string = 'negcoach'

@description('The container image, built from deploy/docker/Dockerfile and pushed to a registry the app can pull from.')
param image string

@description('Teams: the Entra app registration\'s client id (Teams:AppId).')
param teamsAppId string

@description('Teams: the Entra app\'s client secret (Teams:AppPassword). Stored in Key Vault only.')
@secure()
param teamsAppPassword string

@description('Teams: SingleTenant (the app lives in this tenant) or MultiTenant.')
@allowed([
  'SingleTenant'
  'MultiTenant'
])
param teamsAppType string = 'SingleTenant'

@description('Teams: the tenant of a single-tenant app (Teams:TenantId).')
param teamsTenantId string = subscription().tenantId

@description('Slack (optional): the signing secret (Slack:SigningSecret). Empty: Slack stays off.')
@secure()
param slackSigningSecret string = ''

@description('Slack (optional): the single-workspace bot token xoxb-… (Slack:BotToken).')
@secure()
param slackBotToken string = ''

@description('PostgreSQL administrator login.')
param postgresAdminLogin string = 'negotiation'

@description('PostgreSQL administrator password. Stored in Key Vault (inside the connection string) only.')
@secure()
param postgresAdminPassword string

@description('Create an Azure OpenAI resource and model deployment for the language backend (AzureOpenAI:*).')
param deployOpenAI bool = false

@description('The Azure OpenAI model to deploy when deployOpenAI is true.')
param openAIModel string = 'gpt-4o-mini'

@description('The model version to deploy.')
param openAIModelVersion string = '2024-07-18'

@description('Serve the deal room page at / (DealRoom:Enabled).')
param dealRoomEnabled bool = false

@minValue(1)
param minReplicas int = 2

@minValue(1)
param maxReplicas int = 6

var suffix = uniqueString(resourceGroup().id)
var keyVaultName = take('${namePrefix}kv${suffix}', 24)
var databaseName = 'negotiation'
var keyVaultSecretsUserRole = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${namePrefix}-logs'
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${namePrefix}-id'
  location: location
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 30
  }
}

resource vaultReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identity.id, keyVaultSecretsUserRole)
  scope: vault
  properties: {
    roleDefinitionId: keyVaultSecretsUserRole
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: '${namePrefix}-pg-${suffix}'
  location: location
  sku: {
    name: 'Standard_B1ms'
    tier: 'Burstable'
  }
  properties: {
    version: '16'
    administratorLogin: postgresAdminLogin
    administratorLoginPassword: postgresAdminPassword
    storage: {
      storageSizeGB: 32
    }
    backup: {
      backupRetentionDays: 7
      geoRedundantBackup: 'Disabled'
    }
    highAvailability: {
      mode: 'Disabled'
    }
  }
}

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = {
  parent: postgres
  name: databaseName
}

// Container Apps reach the server over its public endpoint (TLS required); 0.0.0.0 admits Azure services only.
resource allowAzure 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2024-08-01' = {
  parent: postgres
  name: 'AllowAzureServices'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: '0.0.0.0'
  }
}

resource openAI 'Microsoft.CognitiveServices/accounts@2024-10-01' = if (deployOpenAI) {
  name: '${namePrefix}-oai-${suffix}'
  location: location
  kind: 'OpenAI'
  sku: {
    name: 'S0'
  }
  properties: {
    customSubDomainName: '${namePrefix}-oai-${suffix}'
    publicNetworkAccess: 'Enabled'
  }
}

resource openAIDeployment 'Microsoft.CognitiveServices/accounts/deployments@2024-10-01' = if (deployOpenAI) {
  parent: openAI
  name: openAIModel
  sku: {
    name: 'GlobalStandard'
    capacity: 10
  }
  properties: {
    model: {
      format: 'OpenAI'
      name: openAIModel
      version: openAIModelVersion
    }
  }
}

resource storageSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'storage-connection-string'
  properties: {
    value: 'Host=${postgres.properties.fullyQualifiedDomainName};Port=5432;Database=${databaseName};Username=${postgresAdminLogin};Password=${postgresAdminPassword};SslMode=Require'
  }
}

resource teamsSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'teams-app-password'
  properties: {
    value: teamsAppPassword
  }
}

resource slackSigningSecretValue 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(slackSigningSecret)) {
  parent: vault
  name: 'slack-signing-secret'
  properties: {
    value: slackSigningSecret
  }
}

resource slackBotTokenValue 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(slackBotToken)) {
  parent: vault
  name: 'slack-bot-token'
  properties: {
    value: slackBotToken
  }
}

resource openAIKey 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (deployOpenAI) {
  parent: vault
  name: 'azure-openai-api-key'
  properties: {
    value: deployOpenAI ? openAI.listKeys().key1 : ''
  }
}

resource containerEnv 'Microsoft.App/managedEnvironments@2024-03-01' = {
  name: '${namePrefix}-env'
  location: location
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: logs.properties.customerId
        sharedKey: logs.listKeys().primarySharedKey
      }
    }
  }
}

// Secrets the app reads from Key Vault through its identity; the Slack and OpenAI ones only when provided.
var baseSecrets = [
  { name: 'storage-connection-string', keyVaultUrl: '${vault.properties.vaultUri}secrets/storage-connection-string', identity: identity.id }
  { name: 'teams-app-password', keyVaultUrl: '${vault.properties.vaultUri}secrets/teams-app-password', identity: identity.id }
]
var slackSigningSecrets = empty(slackSigningSecret) ? [] : [
  { name: 'slack-signing-secret', keyVaultUrl: '${vault.properties.vaultUri}secrets/slack-signing-secret', identity: identity.id }
]
var slackBotTokenSecrets = empty(slackBotToken) ? [] : [
  { name: 'slack-bot-token', keyVaultUrl: '${vault.properties.vaultUri}secrets/slack-bot-token', identity: identity.id }
]
var openAISecrets = deployOpenAI ? [
  { name: 'azure-openai-api-key', keyVaultUrl: '${vault.properties.vaultUri}secrets/azure-openai-api-key', identity: identity.id }
] : []
var vaultSecrets = concat(baseSecrets, slackSigningSecrets, slackBotTokenSecrets, openAISecrets)

var baseEnv = [
  { name: 'Storage__Provider', value: 'Postgres' }
  { name: 'Storage__ConnectionString', secretRef: 'storage-connection-string' }
  { name: 'Workers__InboxConcurrency', value: '4' }
  { name: 'Teams__AppId', value: teamsAppId }
  { name: 'Teams__AppPassword', secretRef: 'teams-app-password' }
  { name: 'Teams__TenantId', value: teamsAppType == 'SingleTenant' ? teamsTenantId : '' }
  { name: 'DealRoom__Enabled', value: string(dealRoomEnabled) }
  { name: 'DealRoom__PublicBaseUrl', value: 'https://${namePrefix}-bot.${containerEnv.properties.defaultDomain}' }
  { name: 'DataProtection__KeysPath', value: '/app/keys' }
]
var slackSigningEnv = empty(slackSigningSecret) ? [] : [
  { name: 'Slack__SigningSecret', secretRef: 'slack-signing-secret' }
]
var slackBotTokenEnv = empty(slackBotToken) ? [] : [
  { name: 'Slack__BotToken', secretRef: 'slack-bot-token' }
]
var openAIEnv = deployOpenAI ? [
  { name: 'AzureOpenAI__Endpoint', value: deployOpenAI ? openAI.properties.endpoint : '' }
  { name: 'AzureOpenAI__Deployment', value: openAIModel }
  { name: 'AzureOpenAI__ApiKey', secretRef: 'azure-openai-api-key' }
] : []
var env = concat(baseEnv, slackSigningEnv, slackBotTokenEnv, openAIEnv)

resource app 'Microsoft.App/containerApps@2024-03-01' = {
  name: '${namePrefix}-bot'
  location: location
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  dependsOn: [
    vaultReader
    storageSecret
    teamsSecret
    slackSigningSecretValue
    slackBotTokenValue
    openAIKey
    database
    allowAzure
  ]
  properties: {
    managedEnvironmentId: containerEnv.id
    configuration: {
      ingress: {
        external: true
        targetPort: 8080
        transport: 'http'
        allowInsecure: false
      }
      secrets: vaultSecrets
    }
    template: {
      containers: [
        {
          name: 'bot'
          image: image
          args: [
            'serve'
          ]
          resources: {
            cpu: json('0.5')
            memory: '1Gi'
          }
          env: env
          probes: [
            {
              type: 'Liveness'
              httpGet: {
                path: '/healthz'
                port: 8080
              }
              periodSeconds: 10
            }
            {
              type: 'Readiness'
              httpGet: {
                path: '/readyz'
                port: 8080
              }
              periodSeconds: 10
            }
          ]
        }
      ]
      scale: {
        minReplicas: minReplicas
        maxReplicas: maxReplicas
        rules: [
          {
            name: 'http'
            http: {
              metadata: {
                concurrentRequests: '50'
              }
            }
          }
        ]
      }
    }
  }
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: '${namePrefix}-bot-${suffix}'
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: 'F0'
  }
  properties: {
    displayName: 'Negotiation Coach'
    endpoint: 'https://${app.properties.configuration.ingress.fqdn}/api/messages'
    msaAppId: teamsAppId
    msaAppType: teamsAppType
    msaAppTenantId: teamsAppType == 'SingleTenant' ? teamsTenantId : null
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

@description('The bot\'s public address: Slack request URLs and the Teams messaging endpoint start with it.')
output botUrl string = 'https://${app.properties.configuration.ingress.fqdn}'

@description('The Teams messaging endpoint registered with the Azure Bot.')
output teamsMessagingEndpoint string = bot.properties.endpoint

output keyVaultName string = vault.name
